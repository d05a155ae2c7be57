#!/usr/bin/env bash
# grade.sh - grade the exercises: what the compiler saw, what each test said, where a
# crash was, and a table of the whole course at the end.
#
#   tools/grade.sh [--tree DIR] [--chapter NN] [--exercise NN-K] [--report tap|xml]
#                  [--sanitize | --plain] [--verbose] [--brief] [--run-untouched]
#
# Run it through `make grade`, which passes CC, CFLAGS, LIBNN, CRITERION_CFLAGS and
# CRITERION_LIBS in the environment. For each exercise tests/exercises/NN-slug/K-name.c:
#
# 1. An exercise whose file is still the course's stub (git's upstream version, or
#    HEAD's when the branch has no upstream) is "not started": nothing is compiled.
#    --run-untouched grades it anyway (tools/check-exercises.sh needs that).
# 2. The learner's file is compiled on its own with CFLAGS (make gives -Wall -Wextra
#    -Wpedantic) plus -Wno-unused-parameter, since a stub takes the parameters of its
#    task and uses none of them. Its warnings are shown before any test result, those
#    that predict a failure first, each with one sentence on what it means.
# 3. The test file is compiled once (cached under build/grade/tests-*, rebuilt when it,
#    a header it includes or this script changes) with its tests
#    renamed t01_, t02_, ... in the order they are written: Criterion runs a suite's
#    tests in the order of their names, so the tests run, and are shown, simplest
#    first, as each file is written. The t01_ prefix is never shown.
# 4. Both are linked and run under coreutils `timeout`, each test in its own process
#    (tests/exercises/grade.h). By default the two files are built with
#    AddressSanitizer and UndefinedBehaviorSanitizer (leak checks off): a crash, and an
#    out-of-bounds access that would not have crashed, stops the test with a report
#    that names the learner's line. --sanitize adds LeakSanitizer (make grade
#    SANITIZE=1); --plain builds without sanitizers (make test grades the solutions and
#    the stubs that way, for speed). A test that runs over its time limit stops the
#    exercise's remaining tests.
#
# Output: full details (warnings, one line per test, crash locations, the hint command)
# for every graded exercise when --chapter, --exercise or --verbose is given, otherwise
# only for the first unfinished exercise; then a table of every exercise by chapter
# (unless only one was graded), the progress bar, the next file to work on, and
# `N passed, N failed`. --brief prints only failures and the totals.
#
# Exit status: 0 when every test of every graded exercise passed, 1 otherwise, 2 on
# bad arguments.
set -uo pipefail

tree=exercises chapter= exercise= report= mode=memory brief=0 verbose=0 run_untouched=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tree) tree=${2:?--tree needs a directory}; shift 2 ;;
    --chapter) chapter=${2:?--chapter needs a number}; shift 2 ;;
    --exercise) exercise=${2:?--exercise needs an id like 01-2}; shift 2 ;;
    --report) report=${2:?--report needs tap or xml}; shift 2 ;;
    --sanitize) mode=leaks; shift ;;
    --plain) mode=plain; shift ;;
    --brief) brief=1; shift ;;
    --verbose) verbose=1; shift ;;
    --run-untouched) run_untouched=1; shift ;;
    *) echo "grade.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
case "$report" in ""|tap|xml) ;; *) echo "grade.sh: --report expects tap or xml, got '$report'" >&2; exit 2 ;; esac
[ -d "$tree" ] || { echo "grade.sh: no exercise directory '$tree'" >&2; exit 2; }
tree=${tree%/}
: "${CC:=cc}" "${CFLAGS:=-std=c11 -O1 -g -Wall -Wextra}" "${LIBNN:=build/libnn.a}"
: "${CRITERION_CFLAGS=$(pkg-config --cflags criterion)}" "${CRITERION_LIBS=$(pkg-config --libs criterion)}"
TEST_LIMIT=${GRADE_TEST_LIMIT:-5}   # seconds for one test
BIN_LIMIT=${GRADE_BIN_LIMIT:-60}    # seconds for a whole exercise binary

# Colour only on a terminal, and never with NO_COLOR set.
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  GREEN=$'\e[32m' RED=$'\e[31m' YELLOW=$'\e[33m' BOLD=$'\e[1m' DIM=$'\e[2m' RESET=$'\e[0m'
else
  GREEN= RED= YELLOW= BOLD= DIM= RESET=
fi

base=${GRADE_OUT:-build/grade}   # GRADE_OUT: the grader's own tests use one each
flags_id=$(printf '%s|%s|%s|%s|%s' "$CC" "$CFLAGS" "$CRITERION_CFLAGS" "$mode" "$TEST_LIMIT" | cksum | cut -d' ' -f1)
tree_id=$(printf '%s' "$(cd "$tree" && pwd)" | cksum | cut -d' ' -f1)
out=$base/$tree_id-$mode-$flags_id cache=$base/tests-$flags_id
mkdir -p "$out" "$cache"

san_flags=()
if [ $mode != plain ]; then
  san_flags=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  # Without the sanitizer runtimes (libasan, libubsan), grade plainly and say so.
  if [ ! -e "$cache/sanitizers-ok" ]; then
    if printf 'int main(void) { return 0; }\n' >"$cache/probe.c" &&
       "$CC" "${san_flags[@]}" "$cache/probe.c" -o "$cache/probe" 2>/dev/null && "$cache/probe"; then
      : >"$cache/sanitizers-ok"
    else
      echo "grade.sh: the sanitizers are not available with $CC: grading without them, so a crash has no line and an out-of-bounds access may go unseen" >&2
      san_flags=() mode=plain
    fi
  fi
fi
leaks=0; [ $mode = leaks ] && leaks=1

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
show_all=$verbose
{ [ -n "$chapter" ] || [ -n "$exercise" ]; } && show_all=1

# The course's stubs: the upstream branch's version (so a learner who commits their
# work is not sent back to the start), else HEAD's.
stub_ref=
if [ $run_untouched = 0 ] && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  stub_ref=$(git rev-parse -q --verify '@{upstream}' 2>/dev/null || git rev-parse -q --verify HEAD 2>/dev/null)
fi

# Warnings that predict a failing test, and what each means, in one sentence.
explain() {  # explain FLAG MESSAGE -> sentence, or nothing for the other warnings
  case "$1|$2" in
    *uninitialized\|*|*maybe-uninitialized\|*)
      echo "a variable is read before anything was stored in it: its value is garbage, and a pointer left like that points anywhere." ;;
    return-type\|*) echo "the function can end without returning a value: its caller then gets garbage." ;;
    incompatible-pointer-types\|*) echo "a pointer to one type is used as a pointer to another: the memory is read as the wrong kind of value." ;;
    int-conversion\|*) echo "an integer is used as a pointer, or a pointer as an integer: such an address is almost surely wrong." ;;
    implicit-function-declaration\|*) echo "this function was not declared, so C assumes it returns int (is a header such as <math.h> missing?)." ;;
    array-bounds*\|*|stringop-overflow*\|*) echo "the compiler can see an index outside the array: that access touches memory that is not the array's." ;;
    absolute-value\|*) echo "abs() works on int: for a double use fabs()." ;;
    div-by-zero\|*) echo "an integer division by zero stops the program." ;;
    sequence-point\|*) echo "one expression changes the same variable twice, or reads it while changing it: the result is undefined." ;;
    return-local-addr\|*) echo "a local variable disappears when the function returns, so its address points to nothing." ;;
    parentheses\|*assignment*) echo "= assigns, == compares: this condition assigns." ;;
    overflow\|*|shift-count-overflow\|*) echo "the value does not fit in its type." ;;
    *) ;;
  esac
}

# A sanitizer report -> "reason<TAB>line of the learner's file<TAB>frames in it (\037)".
# $1: the report (one test's stderr), $2: the learner's file as the compiler saw it.
locate() {
  awk -v src="$2" '
    function mine(path) { return path == src || (length(path) > length(src) && substr(path, length(path) - length(src)) == "/" src) }
    function access_kind(s) { return s ~ /WRITE|store/ ? "writes" : "reads" }
    !reason && / runtime error: / {
      msg = $0; sub(/.* runtime error: /, "", msg); ubsan_at = $1; sub(/:[0-9]+:$/, "", ubsan_at)
      if (msg ~ /null pointer/) reason = access_kind(msg) " through a null pointer"
      else if (msg ~ /insufficient space/) reason = access_kind(msg) " past the end of an array (or before its start)"
      else if (msg ~ /misaligned address/) reason = access_kind(msg) " through a bad pointer (uninitialised, or computed wrongly)"
      else if (msg ~ /out of bounds for type/) { split(msg, w, " "); reason = "uses index " w[2] " outside its array" }
      else if (msg ~ /division by zero/) reason = "divides an integer by zero"
      else if (msg ~ /signed integer overflow/) reason = "overflows a signed integer"
      else if (msg ~ /shift/) reason = "shifts by more bits than the type has"
      else if (msg ~ /null pointer passed as argument/) reason = "passes a null pointer to a function that needs a real one"
      else reason = "undefined behaviour: " msg
      if (split(ubsan_at, p, ":") >= 2 && mine(p[1])) first = p[1] ":" p[2]
      next
    }
    !reason && /ERROR: AddressSanitizer: / {
      kind = $0; sub(/.*ERROR: AddressSanitizer: /, "", kind); sub(/ on .*/, "", kind)
      asan = 1; next
    }
    asan && !reason && /^(READ|WRITE) of size|caused by a (READ|WRITE)/ { rw = access_kind($0); next }
    asan && /address points to the zero page/ { zero = 1 }
    asan && / is located .* (after|to the right of) / { side = "past the end of" }
    asan && / is located .* (before|to the left of) / { side = "before the start of" }
    asan && /overflows this variable|underflows this variable/ { if (!side) side = ($0 ~ /under/) ? "before the start of" : "past the end of" }
    /^ *#[0-9]+ 0x[0-9a-f]+ in / {
      fn = $4; path = $5; line = path; sub(/:[0-9]+(:[0-9]+)?$/, "", path)
      sub(/^[^:]*:/, "", line); sub(/:.*/, "", line)
      if (mine(path)) {
        if (!first) first = path ":" line
        if (nframes < 6) frames[++nframes] = "in " fn "() at " path ":" line
      }
      next
    }
    END {
      if (asan && !reason) {
        if (rw == "") rw = "touches"
        if (kind ~ /buffer-overflow/) reason = rw " " (side ? side : "outside") " an array (" kind ")"
        else if (kind == "SEGV") reason = zero ? rw " through a null pointer" : rw " through a bad pointer (uninitialised, freed, or far out of bounds)"
        else if (kind ~ /use-after-free/) reason = rw " memory that was already freed"
        else if (kind ~ /stack-overflow/) reason = "recurses too deep: the stack ran out"
        else if (kind ~ /double-free/) reason = "frees the same memory twice"
        else if (kind ~ /use-after-(return|scope)/) reason = rw " a local variable after its function or block ended"
        else reason = kind
      }
      if (!reason) exit
      d = ""
      for (i = 1; i <= nframes; i++) d = d (i > 1 ? "\037" : "") frames[i]
      printf "%s\t%s\t%s\n", reason, first, d
    }' <<<"$1"
}

mark() {  # mark STATUS -> coloured symbol and word, for one test
  case "$1" in
    passed) printf '%s✔ passed   %s' "$GREEN" "$RESET" ;;
    failed) printf '%s✘ failed   %s' "$RED" "$RESET" ;;
    crashed) printf '%s✘ crashed  %s' "$RED" "$RESET" ;;
    timeout) printf '%s⧗ timed out%s' "$YELLOW" "$RESET" ;;
    exited) printf '%s✘ exit()   %s' "$RED" "$RESET" ;;
    skipped) printf '%s· not run  %s' "$DIM" "$RESET" ;;
    compile) printf '%s✘ no build %s' "$RED" "$RESET" ;;
    sanitizer) printf '%s✘ sanitizer%s' "$RED" "$RESET" ;;
  esac
}
word() {  # word STATUS -> the table's word for an exercise
  case "$1" in
    passed) printf '%s✔ passed%s' "$GREEN" "$RESET" ;;
    failing) printf '%s✘ failing%s' "$RED" "$RESET" ;;
    crashed) printf '%s✘ crashed%s' "$RED" "$RESET" ;;
    timeout) printf '%s⧗ timed out%s' "$YELLOW" "$RESET" ;;
    compile) printf '%s✘ does not compile%s' "$RED" "$RESET" ;;
    untouched) printf '%s· not started%s' "$DIM" "$RESET" ;;
  esac
}

total_pass=0 total_fail=0 ex_done=0 ex_total=0 next= next_id= shown=0 first_untouched= first_untouched_id=
records=()    # tests:     "id<TAB>test<TAB>status<TAB>detail"
exrecords=()  # exercises: "id<TAB>status<TAB>passed/total<TAB>file"
warnrecords=() # warnings: "id<TAB>file:line<TAB>message [-Wflag]"
table=()      # "slug<TAB>id<TAB>name<TAB>status<TAB>passed/total"

record() { local d=${4:-}; records+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"${d//$'\037'/; }"); }

for t in "${tests[@]}"; do
  slug=$(basename "$(dirname "$t")") name=$(basename "$t" .c)
  id=${slug%%-*}-${name%%-*}
  src=$tree/$slug/$name.c
  bin=$out/$slug/$name obj=$cache/$slug/$name
  mkdir -p "$out/$slug" "$cache/$slug"
  ex_total=$((ex_total + 1))
  det=   # this exercise's details, printed or not at its end
  add() { det+="$*"$'\n'; }

  # 0. Not started: the file is still the course's stub.
  if [ -n "$stub_ref" ] && [ -f "$src" ] &&
     git show "$stub_ref:exercises/$slug/$name.c" 2>/dev/null | cmp -s - "$src"; then
    table+=("$slug"$'\t'"$id"$'\t'"$name"$'\t'untouched$'\t'-)
    exrecords+=("$id"$'\t'"not started"$'\t'"0/0"$'\t'"$src")
    record "$id" "$name" untouched "not started: open $src"
    [ -n "$first_untouched" ] || { first_untouched=$src first_untouched_id=$id; }
    if [ $show_all = 1 ] && [ $brief = 0 ]; then
      printf '%s%s %s%s  %snot started: open %s%s\n' "$BOLD" "$id" "$name" "$RESET" "$DIM" "$src" "$RESET"
    fi
    continue
  fi
  add "$BOLD$id $name$RESET  $DIM$src$RESET"

  # 1. The learner's file alone: its warnings, or why it does not compile. A learner's
  #    warning is shown, never made an error (WERROR=1 in CI must not turn the grader's own
  #    fixtures into compile errors); the course's solutions keep -Werror when it is set.
  learner_werror=-Wno-error
  [ "$(cd "$tree" 2>/dev/null && pwd -P)" = "$(pwd -P)/solutions" ] && learner_werror=
  status= passed=0 ran=0 first_error= last_crash=
  if [ ! -f "$src" ]; then
    status=compile first_error="missing file $src"
    add "  $(mark compile) $id $first_error"
  elif ! "$CC" $CFLAGS -Wno-unused-parameter $learner_werror -fdiagnostics-color=never "${san_flags[@]}" \
        -I"$tree/$slug" -I"exercises/$slug" -Ilib -c "$src" -o "$bin.o" 2>"$bin.cc.log"; then
    status=compile
    first_error=$(grep -m1 -E ': (fatal )?error: ' "$bin.cc.log" || head -n1 "$bin.cc.log")
  fi
  # Warnings: "FILE:LINE:COL: warning: MESSAGE [-Wflag]", those that predict a failure first.
  urgent=() other=()
  while IFS= read -r w; do
    at=${w%%: warning: *} msg=${w#*: warning: }
    at=${at%:*}   # drop the column
    flag=$(sed -n 's/.*\[-W\([^]=]*\)[]=].*/\1/p' <<<"$msg")
    why=$(explain "$flag" "$msg")
    warnrecords+=("$id"$'\t'"$at"$'\t'"$msg")
    if [ -n "$why" ]; then urgent+=("  $RED⚠ $BOLD$at:$RESET $msg"$'\n'"      $why")
    else other+=("  $YELLOW⚠ $BOLD$at:$RESET $msg"); fi
  done < <(grep -E ': warning: ' "$bin.cc.log" 2>/dev/null | grep -F -- "$src:")
  nwarn=$(( ${#urgent[@]} + ${#other[@]} ))
  if [ $nwarn -gt 0 ]; then
    add "  the compiler warns about your file ($nwarn):"
    for w in "${urgent[@]}" "${other[@]}"; do add "$w"; done
  fi
  if [ "$status" = compile ] && [ -f "$src" ]; then
    add "  $(mark compile) $id your file does not compile:"
    while IFS= read -r e; do add "      ${e%%: error: *}: ${e#*: error: }"; done \
      < <(grep -E ': (fatal )?error: ' "$bin.cc.log" | sed 's/^\([^:]*:[0-9]*\):[0-9]*:/\1:/' | head -n 8)
  fi

  # 2. The tests, compiled once, renamed in the order they are written; then the link.
  if [ -z "$status" ]; then
    if [ ! -e "$obj.o" ] || [ ! -e "$obj.d" ] ||
       [ -n "$(find "$0" "$t" $(sed -e 's/^[^:]*://' -e 's/\\$//' "$obj.d") -newer "$obj.o" 2>/dev/null)" ]; then
      { printf '#line 1 "%s"\n' "$t"
        awk '/^Test\(/ { n++; sub(/,[ \t]*/, sprintf(", t%02d_", n)) } { print }' "$t"; } >"$obj.c"
      if ! "$CC" $CFLAGS -Wno-unused-parameter -D_POSIX_C_SOURCE=200809L "${san_flags[@]}" \
           -DGRADE_TIMEOUT="$TEST_LIMIT" -MMD -MF "$obj.d" -MT "$obj.o" \
           -Itests/exercises -Itests -I"exercises/$slug" -Ilib $CRITERION_CFLAGS \
           -c "$obj.c" -o "$obj.o" 2>"$obj.cc.log"; then
        status=compile first_error=$(grep -m1 -E 'error' "$obj.cc.log" || head -n1 "$obj.cc.log")
        add "  $(mark compile) $id the tests do not compile: $first_error"
        rm -f "$obj.o"
      fi
    fi
  fi
  if [ -z "$status" ] &&
     ! "$CC" $CFLAGS "${san_flags[@]}" "$obj.o" "$bin.o" "$LIBNN" $CRITERION_LIBS -lm -pthread \
       -o "$bin" 2>"$bin.ld.log"; then
    status=compile first_error=$(grep -m1 -E 'undefined reference|error' "$bin.ld.log" || head -n1 "$bin.ld.log")
    add "  $(mark compile) $id it does not link: $(sed 's/^.*: //' <<<"$first_error")"
  fi

  # 3. Run: TAP results to a file, the tests' stderr (markers, sanitizer reports) to another.
  if [ -z "$status" ]; then
    tap=$bin.tap err=$bin.stderr
    rm -f "$tap" "$bin.stop"
    # BXFI_MAP and CRITERION_* would make a test binary started from inside another
    # Criterion test (as the grader's own tests do) think it is a worker: drop them.
    # A sanitizer report aborts its test (abort_on_error), so Criterion calls it a crash.
    env -u BXFI_MAP -u CRITERION_TEST_PATTERN -u CRITERION_JOBS -u CRITERION_OUTPUTS \
      -u CRITERION_ENABLE_TAP -u CRITERION_ALWAYS_SUCCEED -u CRITERION_FAIL_FAST \
      GRADE_STOP_FILE="$bin.stop" \
      ASAN_OPTIONS=detect_leaks=$leaks:abort_on_error=1:handle_abort=0:allocator_may_return_null=1 \
      UBSAN_OPTIONS=print_stacktrace=1:abort_on_error=1:halt_on_error=1 \
      timeout -k 2 "$BIN_LIMIT" "$bin" --jobs 1 --tap="$tap" >"$bin.stdout" 2>"$err"
    rc=$?
    status=passed
    # One line per test, in the order they ran.
    while IFS=$'\t' read -r tstatus test detail; do
      ran=$((ran + 1))
      segment=$(awk -v t="$test" '/^@@nn-grade-start /{ on = ($2 == t); next } on' "$err")
      shown_test=$(sed 's/::t[0-9][0-9]_/::/' <<<"$test")
      if [ "$tstatus" = crashed ] && grep -q '^@@nn-grade-exit ' <<<"$segment"; then
        tstatus=exited detail="the code under test called exit() before the test finished"
      elif [ "$tstatus" = timeout ] || { [ "$tstatus" = crashed ] && grep -q '^@@nn-grade-timeout' <<<"$segment"; }; then
        tstatus=timeout detail="no result within ${TEST_LIMIT}s: is there a loop that never ends? The remaining tests of $id were not run."
      elif [ "$tstatus" = crashed ]; then
        IFS=$'\t' read -r reason where frames < <(locate "$segment" "$src")
        if [ -n "${reason:-}" ] && [ -n "${where:-}" ]; then
          detail="$(basename "${where%:*}"):${where##*:}: $reason"
          [ -n "$frames" ] && detail+=$'\037'"$frames"
        elif [ -n "${reason:-}" ]; then
          detail="it $reason, outside your file (look at the pointers and sizes your code passes on)"
        elif [ $mode = plain ]; then
          detail="the test process crashed (a signal such as a segmentation fault): make grade EX=$id shows the line"
        else
          detail="the test process crashed (a signal such as a segmentation fault: look for a bad pointer or an index out of bounds)"
        fi
      fi
      case "$tstatus" in
        passed) passed=$((passed + 1)); [ $brief = 1 ] || add "  $(mark passed) $shown_test" ;;
        crashed|exited) add "  $(mark "$tstatus") $shown_test"
          if [ "$detail" = "$last_crash" ]; then add "      (the same as above)"
          else add "$(printf '%s\n' "$detail" | tr '\037' '\n' | sed 's/^/      /')"; fi
          last_crash=$detail
          [ "$status" = timeout ] || status=crashed ;;
        *)
          case "$tstatus" in
            timeout) status=timeout ;;
            crashed|exited) [ "$status" = timeout ] || status=crashed ;;
            failed) [ "$status" = passed ] && status=failing ;;
          esac
          add "  $(mark "$tstatus") $shown_test"
          [ -n "$detail" ] && add "$(printf '%s\n' "$detail" | tr '\037' '\n' | sed 's/^/      /')" ;;
      esac
      record "$id" "$shown_test" "$tstatus" "$detail"
    done < <(awk '
      # Criterion lists a test'"'"'s failed assertions newest first: keep them in source order,
      # joined by \037 (split again above).
      function flush(   i, d) {
        if (name == "") return
        d = ""
        for (i = nmsg; i >= 1; i--) d = d (d == "" ? "" : "\037") msg[i]
        if (status == "skipped") { d = skip; sub(/^not run: /, "", d) }
        printf "%s\t%s\t%s\n", status, name, d
        name = ""; nmsg = 0
      }
      /^ok - / {
        flush(); name = $3; status = "passed"
        if ($0 ~ /# SKIP /) { status = "skipped"; skip = $0; sub(/.*# SKIP /, "", skip) }
        next
      }
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
    ' "$tap" 2>/dev/null | sort -t$'\t' -k2,2)
    total_pass=$((total_pass + passed))
    total_fail=$((total_fail + ran - passed))

    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
      add "  $(mark timeout) $id the whole exercise ran over ${BIN_LIMIT}s"
      record "$id" "all" timeout "ran over ${BIN_LIMIT}s"
      status=timeout; total_fail=$((total_fail + 1))
    elif [ $ran -eq 0 ]; then
      add "  $(mark crashed) $id the test binary ran no tests (exit status $rc)"
      record "$id" "all" crashed "no tests ran (exit status $rc)"
      status=crashed; total_fail=$((total_fail + 1))
    fi

    # 4. A leak does not fail a test by itself (--sanitize): look for LeakSanitizer's report.
    if [ $leaks = 1 ]; then
      leak=$(grep -m1 -E 'ERROR: LeakSanitizer' "$err" | sed 's/^==[0-9]*== *//')
      if [ -n "$leak" ]; then
        where=$(grep -m1 -F "$src" "$err" | sed 's/^ *//')
        add "  $(mark sanitizer) $id $leak"
        [ -n "$where" ] && add "      at $where"
        record "$id" "sanitizer" sanitizer "$leak${where:+ at $where}"
        [ "$status" = passed ] && status=failing
        total_fail=$((total_fail + 1))
      fi
    fi
  else
    record "$id" "compile" compile "$first_error"
    total_fail=$((total_fail + 1))
  fi

  total=$ran; [ "$status" = compile ] && total=0
  table+=("$slug"$'\t'"$id"$'\t'"$name"$'\t'"$status"$'\t'"$passed/$total")
  exrecords+=("$id"$'\t'"$(case $status in compile) echo "does not compile";; timeout) echo "timed out";; *) echo "$status";; esac)"$'\t'"$passed/$total"$'\t'"$src")
  if [ "$status" = passed ]; then
    ex_done=$((ex_done + 1))
  else
    [ -n "$next" ] || { next=$src next_id=$id; }
    add "  stuck? ${BOLD}make hint EX=$id$RESET shows a first hint; run it again for the next one."
  fi
  # The details: every exercise's when asked for, else the first unfinished one's.
  if [ $brief = 1 ]; then
    [ "$status" = passed ] || printf '%s' "$det"
  elif [ $show_all = 1 ] || { [ "$status" != passed ] && [ $shown = 0 ]; }; then
    printf '%s' "$det"
    [ "$status" = passed ] || shown=1
  fi
done

# Machine-readable reports for teachers: every exercise's status, its warnings, and
# every test with its message or crash location.
if [ -n "$report" ]; then
  file=$base/report.$report
  {
    if [ "$report" = tap ]; then
      echo "TAP version 13"
      echo "1..${#records[@]}"
      for e in "${exrecords[@]}"; do
        IFS=$'\t' read -r id status counts src <<<"$e"
        echo "# exercise $id $status ($counts tests) $src"
        for w in "${warnrecords[@]}"; do
          IFS=$'\t' read -r wid at msg <<<"$w"
          [ "$wid" = "$id" ] && echo "# warning $id $at: $msg"
        done
      done
      n=0
      for r in "${records[@]}"; do
        IFS=$'\t' read -r id test status detail <<<"$r"
        n=$((n + 1))
        if [ "$status" = passed ]; then echo "ok $n - $id $test"
        elif [ "$status" = untouched ]; then echo "not ok $n - $id $test # not started"
        else echo "not ok $n - $id $test # $status${detail:+: $detail}"; fi
      done
    else
      esc() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<<"$1"; }
      nfail=0
      for r in "${records[@]}"; do [ "$(cut -f3 <<<"$r")" = passed ] || nfail=$((nfail + 1)); done
      echo '<?xml version="1.0" encoding="UTF-8"?>'
      echo "<testsuites name=\"exercises\" tests=\"${#records[@]}\" failures=\"$nfail\">"
      for e in "${exrecords[@]}"; do
        IFS=$'\t' read -r eid estatus counts src <<<"$e"
        echo "  <testsuite name=\"$eid\" file=\"$(esc "$src")\" status=\"$estatus\" passed=\"$counts\">"
        for w in "${warnrecords[@]}"; do
          IFS=$'\t' read -r wid at msg <<<"$w"
          [ "$wid" = "$eid" ] && echo "    <warning file=\"$(esc "${at%:*}")\" line=\"${at##*:}\" message=\"$(esc "$msg")\"/>"
        done
        for r in "${records[@]}"; do
          IFS=$'\t' read -r id test status detail <<<"$r"
          [ "$id" = "$eid" ] || continue
          echo "    <testcase classname=\"$id\" name=\"$(esc "$test")\" status=\"$status\">"
          if [ "$status" = untouched ]; then echo "      <skipped message=\"not started\"/>"
          elif [ "$status" != passed ]; then echo "      <failure type=\"$status\" message=\"$(esc "$detail")\"/>"; fi
          echo "    </testcase>"
        done
        echo "  </testsuite>"
      done
      echo "</testsuites>"
    fi
  } >"$file.tmp" && mv "$file.tmp" "$file"
  echo "report: $file"
fi

# The table: one row per exercise, grouped by chapter (not for a single exercise).
if [ $brief = 0 ] && [ ${#table[@]} -gt 1 ]; then
  echo
  last=
  for row in "${table[@]}"; do
    IFS=$'\t' read -r slug id name status counts <<<"$row"
    label=; [ "$slug" != "$last" ] && label=$slug last=$slug
    case "$status" in untouched|compile|passed) tally= ;; *) tally=" ($counts tests pass)" ;; esac
    printf '%-22s %-5s %-22s %s%s\n' "$label" "$id" "${name#*-}" "$(word "$status")" "$tally"
  done
fi

# The progress bar across exercises, the next step, and the plain last line.
width=30 filled=$((ex_done * width / ex_total))
bar=$(printf '%*s' "$filled" '' | tr ' ' '#')$(printf '%*s' "$((width - filled))" '' | tr ' ' '.')
echo
printf 'progress [%s] %d/%d exercises done (%d%%)\n' "$bar" "$ex_done" "$ex_total" $((ex_done * 100 / ex_total))
if [ $brief = 0 ]; then
  if [ -n "$next" ]; then
    printf 'next: %s\n' "$next"
  elif [ -n "$first_untouched" ]; then
    printf 'next: %s\n' "$first_untouched"
    printf 'not started: open %s\n' "$first_untouched"
  fi
fi
untouched=0
for row in "${table[@]}"; do [ "$(cut -f4 <<<"$row")" = untouched ] && untouched=$((untouched + 1)); done
echo "$total_pass passed, $total_fail failed$([ $untouched -gt 0 ] && echo ", $untouched exercise(s) not started")"
[ $total_fail -eq 0 ] && [ $untouched -eq 0 ]
