#!/usr/bin/env bash
# grade.sh - grade the exercises: compile each one with its tests, run, and report.
#
#   tools/grade.sh [--tree DIR] [--chapter NN] [--exercise NN-K] [--report tap|xml]
#                  [--sanitize] [--brief]
#
# Run it through `make grade`, which passes CC, CFLAGS, LIBNN, CRITERION_CFLAGS and
# CRITERION_LIBS in the environment. Each exercise tests/exercises/NN-slug/K-name.c is
# compiled with DIR/NN-slug/K-name.c into its own binary, so a compile error in one
# exercise does not stop the others. Each binary runs under coreutils `timeout`, and
# each test inside it in its own process with a time limit (tests/exercises/grade.h).
# Exercises are compiled with CFLAGS plus -Wno-unused-parameter: a stub takes the
# parameters of its task and uses none of them until it is solved. The other warnings
# of CFLAGS (make passes -Wall -Wextra -Wpedantic) stay on.
#
# Exit status: 0 when every test of every graded exercise passed, 1 otherwise.
set -uo pipefail

tree=exercises chapter= exercise= report= sanitize=0 brief=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tree) tree=${2:?--tree needs a directory}; shift 2 ;;
    --chapter) chapter=${2:?--chapter needs a number}; shift 2 ;;
    --exercise) exercise=${2:?--exercise needs an id like 01-2}; shift 2 ;;
    --report) report=${2:?--report needs tap or xml}; shift 2 ;;
    --sanitize) sanitize=1; shift ;;
    --brief) brief=1; shift ;;
    *) echo "grade.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
case "$report" in ""|tap|xml) ;; *) echo "grade.sh: --report expects tap or xml, got '$report'" >&2; exit 2 ;; esac
[ -d "$tree" ] || { echo "grade.sh: no exercise directory '$tree'" >&2; exit 2; }
: "${CC:=cc}" "${CFLAGS:=-std=c11 -O1 -g}" "${LIBNN:=build/libnn.a}"
: "${CRITERION_CFLAGS=$(pkg-config --cflags criterion)}" "${CRITERION_LIBS=$(pkg-config --libs criterion)}"
TEST_LIMIT=${GRADE_TEST_LIMIT:-5}   # seconds for one test (the suites' .timeout)
BIN_LIMIT=${GRADE_BIN_LIMIT:-60}    # seconds for a whole exercise binary

# Colour only on a terminal, and never with NO_COLOR set.
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  GREEN=$'\e[32m' RED=$'\e[31m' YELLOW=$'\e[33m' BOLD=$'\e[1m' DIM=$'\e[2m' RESET=$'\e[0m'
else
  GREEN= RED= YELLOW= BOLD= DIM= RESET=
fi

# Where this tree's binaries go: one folder per tree (and per sanitizer setting).
tree_id=$(printf '%s' "$(cd "$tree" && pwd)" | cksum | cut -d' ' -f1)
# GRADE_OUT overrides it (the grader's own tests grade in parallel, each in its own).
out=${GRADE_OUT:-build/grade}/$tree_id$([ $sanitize = 1 ] && echo -san)
mkdir -p "$out"

# The exercises to grade, in course order.
tests=()
for t in tests/exercises/[0-9][0-9]-*/[0-9]*-*.c; do
  [ -e "$t" ] || continue
  slug=$(basename "$(dirname "$t")") name=$(basename "$t" .c)
  id=${slug%%-*}-${name%%-*}
  [ -n "$chapter" ] && [ "${slug%%-*}" != "$(printf '%02d' "$((10#$chapter))")" ] && continue
  [ -n "$exercise" ] && [ "$id" != "$exercise" ] && continue
  tests+=("$t")
done
if [ ${#tests[@]} -eq 0 ]; then
  echo "grade.sh: no exercises match${chapter:+ chapter $chapter}${exercise:+ exercise $exercise}" >&2
  exit 2
fi

san_flags=()
[ $sanitize = 1 ] && san_flags=(-g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)

total_pass=0 total_fail=0 ex_done=0 ex_total=0 next=
records=()   # "id<TAB>test<TAB>status<TAB>detail" for reports

record() { local d=${4:-}; records+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"${d//$'\037'/; }"); }

mark() {  # mark STATUS -> coloured symbol and word
  case "$1" in
    passed) printf '%s✔ passed   %s' "$GREEN" "$RESET" ;;
    failed) printf '%s✘ failed   %s' "$RED" "$RESET" ;;
    crashed) printf '%s✘ crashed  %s' "$RED" "$RESET" ;;
    timeout) printf '%s⧗ timed out%s' "$YELLOW" "$RESET" ;;
    exited) printf '%s✘ exit()   %s' "$RED" "$RESET" ;;
    compile) printf '%s✘ no build %s' "$RED" "$RESET" ;;
    sanitizer) printf '%s✘ sanitizer%s' "$RED" "$RESET" ;;
  esac
}

for t in "${tests[@]}"; do
  slug=$(basename "$(dirname "$t")") name=$(basename "$t" .c)
  id=${slug%%-*}-${name%%-*}
  src=$tree/$slug/$name.c
  hint=exercises/$slug/$name.hint
  bin=$out/$slug/$name
  mkdir -p "$out/$slug"
  ex_total=$((ex_total + 1))
  ex_ok=1

  [ $brief = 1 ] || printf '%s%s %s%s  %s\n' "$BOLD" "$id" "$name" "$RESET" "$DIM$src$RESET"

  # 1. Compile this exercise on its own.
  if [ ! -f "$src" ]; then
    first="missing file $src"
    compiled=0
  elif "$CC" $CFLAGS -Wno-unused-parameter "${san_flags[@]}" -DGRADE_TIMEOUT="$TEST_LIMIT" \
        -Itests/exercises -Itests -I"$tree/$slug" -I"exercises/$slug" -Ilib \
        "$t" "$src" "$LIBNN" $CRITERION_CFLAGS $CRITERION_LIBS -lm -pthread -o "$bin" 2>"$bin.cc.log"; then
    compiled=1
  else
    compiled=0
    first=$(grep -m1 -E 'error|undefined reference' "$bin.cc.log" || head -n1 "$bin.cc.log")
  fi
  if [ $compiled = 0 ]; then
    printf '  %s %s\n      %s\n' "$(mark compile)" "$id" "$first"
    record "$id" "compile" compile "$first"
    total_fail=$((total_fail + 1))
    [ -n "$next" ] || next=$src
    continue
  fi

  # 2. Run it: TAP results to a file, the tests' stderr to another.
  tap=$bin.tap err=$bin.stderr
  rm -f "$tap"
  # BXFI_MAP and CRITERION_* would make a test binary started from inside another
  # Criterion test (as the grader's own tests do) think it is a worker: drop them.
  # Under the sanitizers a segfault stays a signal (handle_segv=0) and undefined
  # behaviour aborts, so both are reported as crashes, with or without --sanitize.
  env -u BXFI_MAP -u CRITERION_TEST_PATTERN -u CRITERION_JOBS -u CRITERION_OUTPUTS \
    -u CRITERION_ENABLE_TAP -u CRITERION_ALWAYS_SUCCEED -u CRITERION_FAIL_FAST \
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:handle_segv=0:handle_sigbus=0:handle_sigfpe=0 \
    UBSAN_OPTIONS=print_stacktrace=1:abort_on_error=1 \
    timeout -k 2 "$BIN_LIMIT" "$bin" --jobs 1 --tap="$tap" >"$bin.stdout" 2>"$err"
  rc=$?

  # 3. One line per test. Crashes that come from exit() carry grade.h's marker.
  exited=$(sed -n 's/^@@nn-grade-exit //p' "$err")
  seen=0
  while IFS=$'\t' read -r status test detail; do
    seen=$((seen + 1))
    if [ "$status" = crashed ] && grep -qxF "$test" <<<"$exited"; then
      status=exited detail="the code under test called exit() before the test finished"
    elif [ "$status" = crashed ]; then
      detail="the test process crashed (a signal such as a segmentation fault: look for a bad pointer or an index out of bounds)"
    elif [ "$status" = timeout ]; then
      detail="no result within ${TEST_LIMIT}s: is there a loop that never ends?"
    fi
    if [ "$status" = passed ]; then
      total_pass=$((total_pass + 1))
      [ $brief = 1 ] || printf '  %s %s\n' "$(mark passed)" "$test"
    else
      ex_ok=0
      total_fail=$((total_fail + 1))
      printf '  %s %s\n' "$(mark "$status")" "$test"
      [ -n "$detail" ] && printf '%s\n' "$detail" | tr '\037' '\n' | sed 's/^/      /'
    fi
    record "$id" "$test" "$status" "$detail"
  done < <(awk '
    # Criterion lists a test'"'"'s failed assertions newest first: print them in source order,
    # one per line (joined by \037 here, split again below).
    function flush(   i, d) {
      if (name == "") return
      d = ""
      for (i = nmsg; i >= 1; i--) d = d (d == "" ? "" : "\037") msg[i]
      printf "%s\t%s\t%s\n", status, name, d
      name = ""; nmsg = 0
    }
    /^ok - / { flush(); name = $3; status = "passed"; next }
    /^not ok - / {
      flush(); name = $4
      status = ($0 ~ /timed out/) ? "timeout" : ($0 ~ /unexpected signal/) ? "crashed" : "failed"
      next
    }
    /^  - .*: \|\+$/ { nmsg++; msg[nmsg] = ""; next }
    /^      / {
      line = substr($0, 7); sub(/^Assertion failed: /, "", line)
      if (line != "") msg[nmsg] = msg[nmsg] (msg[nmsg] == "" ? "" : " ") line
      next
    }
    END { flush() }
  ' "$tap" 2>/dev/null)

  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    printf '  %s %s the whole exercise ran over %ss\n' "$(mark timeout)" "$id" "$BIN_LIMIT"
    record "$id" "all" timeout "ran over ${BIN_LIMIT}s"
    ex_ok=0; total_fail=$((total_fail + 1))
  elif [ $seen -eq 0 ]; then
    printf '  %s %s the test binary ran no tests (exit status %s)\n' "$(mark crashed)" "$id" "$rc"
    record "$id" "all" crashed "no tests ran (exit status $rc)"
    ex_ok=0; total_fail=$((total_fail + 1))
  fi

  # 4. Sanitizer reports do not fail Criterion tests by themselves: look for them.
  if [ $sanitize = 1 ]; then
    report_line=$(grep -m1 -E 'runtime error:|ERROR: AddressSanitizer|ERROR: LeakSanitizer' "$err")
    if [ -n "$report_line" ]; then
      where=$(grep -m1 -F "$(basename "$src")" "$err" | sed 's/^ *//')
      report_line=$(sed 's/^==[0-9]*== *//' <<<"$report_line")
      printf '  %s %s %s\n' "$(mark sanitizer)" "$id" "$report_line"
      [ -n "$where" ] && printf '      at %s\n' "$where"
      record "$id" "sanitizer" sanitizer "$report_line${where:+ at $where}"
      ex_ok=0; total_fail=$((total_fail + 1))
    fi
  fi

  if [ $ex_ok = 1 ]; then
    ex_done=$((ex_done + 1))
  else
    [ -n "$next" ] || next=$src
    if [ -f "$hint" ]; then
      printf '  %shint:%s ' "$YELLOW" "$RESET"
      sed '2,$s/^/        /' "$hint"
    fi
  fi
done

# Machine-readable reports for teachers.
if [ -n "$report" ]; then
  file=${GRADE_OUT:-build/grade}/report.$report
  {
    if [ "$report" = tap ]; then
      echo "TAP version 13"
      echo "1..${#records[@]}"
      n=0
      for r in "${records[@]}"; do
        IFS=$'\t' read -r id test status detail <<<"$r"
        n=$((n + 1))
        if [ "$status" = passed ]; then echo "ok $n - $id $test"
        else echo "not ok $n - $id $test # $status${detail:+: $detail}"; fi
      done
    else
      esc() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<<"$1"; }
      echo '<?xml version="1.0" encoding="UTF-8"?>'
      echo "<testsuites name=\"exercises\" tests=\"${#records[@]}\" failures=\"$total_fail\">"
      for r in "${records[@]}"; do
        IFS=$'\t' read -r id test status detail <<<"$r"
        echo "  <testcase classname=\"$id\" name=\"$(esc "$test")\" status=\"$status\">"
        [ "$status" = passed ] || echo "    <failure type=\"$status\" message=\"$(esc "$detail")\"/>"
        echo "  </testcase>"
      done
      echo "</testsuites>"
    fi
  } >"$file.tmp" && mv "$file.tmp" "$file"
  echo "report: $file"
fi

# The progress bar across exercises, the next step, and the plain last line.
width=30 filled=$((ex_done * width / ex_total))
bar=$(printf '%*s' "$filled" '' | tr ' ' '#')$(printf '%*s' "$((width - filled))" '' | tr ' ' '.')
echo
printf 'progress [%s] %d/%d exercises done (%d%%)\n' "$bar" "$ex_done" "$ex_total" $((ex_done * 100 / ex_total))
[ -n "$next" ] && [ $brief = 0 ] && printf 'next: %s\n' "$next"
echo "$total_pass passed, $total_fail failed"
[ $total_fail -eq 0 ]
