#!/usr/bin/env bash
# sanitizer-reports.sh - fail if AddressSanitizer, LeakSanitizer or
# UndefinedBehaviorSanitizer reported anything during `make test SANITIZE=1`.
#
#   tools/sanitizer-reports.sh DIR [LOG...]
#
# DIR holds the report files that the sanitizers wrote through log_path (one per
# process that reported); each LOG is captured output to search for report lines.
# Prints the start of every report found and exits 1, or says all is clean and exits 0.
set -uo pipefail
dir=${1:?usage: sanitizer-reports.sh DIR [LOG...]}
shift
pattern='ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:|SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer'
found=0
for f in "$dir"/*; do
  [ -s "$f" ] || continue
  found=$((found + 1))
  echo "sanitizer report $f:" >&2
  head -n 30 "$f" | sed 's/^/    /' >&2
done
for log in "$@"; do
  [ -f "$log" ] || continue
  if grep -qE "$pattern" "$log"; then
    found=$((found + 1))
    echo "sanitizer report in $log:" >&2
    grep -nE -A 12 "$pattern" "$log" | head -n 40 | sed 's/^/    /' >&2
  fi
done
if [ $found -gt 0 ]; then
  echo "sanitizers: $found report(s); the run fails" >&2
  exit 1
fi
echo "sanitizers: no reports"
