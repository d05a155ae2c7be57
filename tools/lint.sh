#!/usr/bin/env bash
# lint.sh - static analysis for `make lint`: cppcheck and clang-tidy over every C file
# we ship (lib/, chapters/, solutions/, exercises/, fuzz/).
#
#   tools/lint.sh [-jN]
#
# cppcheck runs with the warning, style, performance and portability checks and the
# suppressions in tools/lint/cppcheck.supp; clang-tidy with the repository's .clang-tidy
# and the known findings in tools/lint/clang-tidy-known.txt. Each file is analysed with
# the flags the build uses. Exits 1 on any finding that is not suppressed or known.
# (The tests under tests/ are left out: Criterion's macros are not plain C to these
# tools.)
set -uo pipefail
jobs=2
for arg in "$@"; do
  case "$arg" in
    -j*) jobs=${arg#-j} ;;
    *) echo "lint.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done
out=build/lint
mkdir -p "$out"
status=0

# Every C file, with the include directory its exercise tree needs.
files=(lib/*.c chapters/*/*.c solutions/*/*.c exercises/*/*.c fuzz/*.c)
CFLAGS_LINT=(-std=c11 -D_POSIX_C_SOURCE=200809L -Ilib)

# 1. cppcheck
echo "== cppcheck ($(cppcheck --version))"
cppcheck --enable=warning,style,performance,portability --std=c11 --inline-suppr --quiet \
  --error-exitcode=1 --suppressions-list=tools/lint/cppcheck.supp \
  --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
  -D_POSIX_C_SOURCE=200809L -Ilib -j "$jobs" "${files[@]}" 2>"$out/cppcheck.log"
if [ $? -ne 0 ] || [ -s "$out/cppcheck.log" ]; then
  status=1
  cat "$out/cppcheck.log" >&2
  echo "cppcheck: findings above (suppress false positives in tools/lint/cppcheck.supp, with the reason)" >&2
else
  echo "cppcheck: ${#files[@]} files, no findings"
fi

# 2. clang-tidy, one process per file, $jobs at a time.
echo "== clang-tidy ($(clang-tidy --version | sed -n 's/.*LLVM version \(.*\)/\1/p'))"
# The exercise stubs take their task's parameters and use none of them, so they are
# analysed without misc-unused-parameters, as the grader compiles them without
# -Wunused-parameter.
tidy_one() {
  local f=$1 dir checks=()
  dir=$(basename "$(dirname "$f")")
  [[ "$f" == exercises/* ]] && checks=(--checks=-misc-unused-parameters)
  clang-tidy --quiet "${checks[@]}" "$f" -- "${CFLAGS_LINT[@]}" -I"solutions/$dir" -I"exercises/$dir" 2>/dev/null
}
export -f tidy_one
export CFLAGS_LINT_STR="${CFLAGS_LINT[*]}"
printf '%s\n' "${files[@]}" |
  xargs -P "$jobs" -I{} bash -c 'CFLAGS_LINT=($CFLAGS_LINT_STR); tidy_one "$1"' _ {} \
  >"$out/clang-tidy.log"
# "path:line:col: warning: text [check,alias]" -> "path check" (the first name).
sed -n -E "s#^$PWD/##; s#^([^:]*):[0-9]+:[0-9]+: (warning|error): .*\[([^]]*)\]\$#\1 \3#p" \
  "$out/clang-tidy.log" | sed 's/,.*//' | sort | uniq -c | awk '{print $2, $3, $1}' \
  >"$out/clang-tidy.found"
awk '
  FNR == NR { if ($0 !~ /^#/ && NF >= 3) known[$1 " " $2] = $3; next }
  { key = $1 " " $2; seen[key] = $3
    if ($3 > known[key] + 0) { printf "new: %s (%d, known %d)\n", key, $3, known[key] + 0; bad = 1 } }
  END {
    for (k in known) if (seen[k] + 0 < known[k] + 0)
      printf "fixed: %s (%d, known %d): lower tools/lint/clang-tidy-known.txt\n", k, seen[k] + 0, known[k]
    exit bad
  }' tools/lint/clang-tidy-known.txt "$out/clang-tidy.found" >"$out/clang-tidy.summary"
tidy_status=$?
grep '^fixed:' "$out/clang-tidy.summary" || true
if [ $tidy_status -ne 0 ]; then
  status=1
  grep '^new:' "$out/clang-tidy.summary" >&2
  while read -r file check count; do
    grep -F "$file" "$out/clang-tidy.log" | grep -F "[$check" | head -n 5 >&2
  done < <(sed -n 's/^new: \([^ ]*\) \([^ ]*\) .*/\1 \2 x/p' "$out/clang-tidy.summary")
  echo "clang-tidy: new findings above (full log: $out/clang-tidy.log)" >&2
else
  known=$(awk '{s += $3} END {print s + 0}' "$out/clang-tidy.found")
  echo "clang-tidy: ${#files[@]} files, no new findings ($known known, listed in tools/lint/clang-tidy-known.txt)"
fi
exit $status
