#!/usr/bin/env bash
# check-exercises.sh - prove that the exercise tests can fail, and that the trees match.
#
# 1. exercises/ and solutions/ mirror each other: the same .c and .h files in every
#    chapter, identical headers, a test file and a hint for every exercise. Each stub's
#    opening comment names its test file and its grade command, and the solution opens
#    with the same comment (the task is stated once, in both).
# 2. Every hint has three levels, in order a nudge, the idea, and how it maps onto C,
#    separated by lines holding only ---, none empty. No hint and no stub comment holds
#    a statement of the solution: each statement of the solution's function bodies,
#    with its spaces, type names, `return` and `;` removed, that keeps 12 characters or
#    more must not appear in the hint or in the stub's comments (normalised the same
#    way). `--hints-only EXERCISES SOLUTIONS` runs this check alone on other trees (the
#    grader's tests use it on broken copies).
# 3. Every exercise's tests fail on its pristine stub (the committed version when this
#    is a git checkout, so a learner's own work does not count), and every stub compiles.
#
# Run by `make test` with the environment that tools/grade.sh needs.
set -uo pipefail

problems=0
problem() { echo "check-exercises: $*" >&2; problems=$((problems + 1)); }

# 2. The hints and the stubs' comments against the solutions.
normalise() {  # text on stdin -> one line, no spaces, no type names, no ` or ;
  sed -E -e 's/\b(const|static|unsigned|signed|double|float|int|long|char|bool|void|size_t|u?int(8|16|32|64)_t)\b//g' \
         -e 's/\bnn_[a-z_]+[[:space:]]*\*?[[:space:]]+([A-Za-z_])/\1/g' \
         -e 's/\breturn\b//g' | tr -d ' \t\n`;'
}
statements() {  # the solution's statements, one per line, normalised
  awk 'BEGIN { inc = 0 }
       inc { if ($0 ~ /\*\//) { sub(/.*\*\//, ""); inc = 0 } else next }
       { while (match($0, /\/\*.*\*\//)) $0 = substr($0, 1, RSTART - 1) substr($0, RSTART + RLENGTH)
         if (match($0, /\/\*/)) { $0 = substr($0, 1, RSTART - 1); inc = 1 }
         sub(/\/\/.*/, "") }
       /^[ \t]/ { print }' "$1" |
    while IFS= read -r line; do
      n=$(printf '%s' "$line" | normalise | sed -E 's/[{}]+$//')
      # 12 characters or more, and more than a name (an error code is part of the task)
      [ ${#n} -ge 12 ] && [[ "$n" =~ [^A-Za-z0-9_] ]] && printf '%s\n' "$n"
    done | sort -u
}
comments() {  # a C file's comments, and its opening comment
  awk '{ s = s $0 "\n" } END { while (match(s, /\/\*([^*]|\*+[^*\/])*\*+\//)) { print substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH) } }' "$1"
}
check_hints() {  # check_hints EXERCISES SOLUTIONS
  local ex=$1 sol=$2 h src rel levels text stmt
  for src in "$ex"/*/[0-9]*-*.c; do
    [ -e "$src" ] || continue
    rel=${src#"$ex"/} h=${src%.c}.hint
    [ -s "$h" ] || { problem "$src has no hint (${h})"; continue; }
    levels=$(awk 'BEGIN { n = 1; text[1] = "" }
                  /^---$/ { n++; next }
                  { if ($0 ~ /[^ \t]/) text[n] = text[n] "x" }
                  END { bad = 0; for (i = 1; i <= n; i++) if (text[i] == "") bad = 1
                        print n, bad }' "$h")
    [ "$levels" = "3 0" ] ||
      problem "$h: a hint has three non-empty levels (a nudge, the idea, how it maps onto C) separated by lines holding only ---; this one has $(cut -d' ' -f1 <<<"$levels") level(s)$([ "${levels#* }" = 1 ] && echo ", one of them empty")"
    [ -e "$sol/$rel" ] || continue
    hint_text=$(normalise <"$h") stub_text=$(comments "$src" | normalise)
    while IFS= read -r stmt; do
      [ -n "$stmt" ] || continue
      [[ "$hint_text" == *"$stmt"* ]] && problem "$h gives away a statement of $sol/$rel: $stmt"
      [[ "$stub_text" == *"$stmt"* ]] && problem "$src: a comment gives away a statement of $sol/$rel: $stmt"
    done < <(statements "$sol/$rel")
  done
}
if [ "${1:-}" = --hints-only ]; then
  check_hints "${2:?--hints-only EXERCISES SOLUTIONS}" "${3:?--hints-only EXERCISES SOLUTIONS}"
  [ $problems -eq 0 ] || { echo "check-exercises: $problems problem(s)" >&2; exit 1; }
  echo "check-exercises: every hint has three levels and gives no solution statement away"
  exit 0
fi

# 1. The mirror.
for dir in exercises/[0-9][0-9]-* solutions/[0-9][0-9]-*; do
  [ -d "$dir" ] || continue
  slug=$(basename "$dir")
  other=solutions/$slug
  [ "${dir%%/*}" = solutions ] && other=exercises/$slug
  for f in "$dir"/*.c "$dir"/*.h; do
    [ -e "$f" ] || continue
    [ -e "$other/$(basename "$f")" ] || problem "$f has no mirror in $other/"
  done
done
for h in exercises/*/*.h; do
  [ -e "$h" ] || continue
  cmp -s "$h" "solutions/${h#exercises/}" || problem "$h and solutions/${h#exercises/} differ"
done
opening() { sed -n '1,/\*\//p' "$1"; }   # a file's opening comment
for src in exercises/*/[0-9]*-*.c; do
  [ -e "$src" ] || continue
  rel=${src#exercises/}
  slug=${rel%%/*} name=$(basename "$rel" .c)
  id=${slug%%-*}-${name%%-*}
  [ -e "tests/exercises/$rel" ] || problem "$src has no tests (tests/exercises/$rel)"
  # " * Graded by tests/exercises/NN-slug/K-name.c: make grade EX=NN-K"
  graded=$(opening "$src" | sed -n 's/^ \* Graded by \([^ ]*\): make grade EX=\([^ ]*\)$/\1 \2/p')
  if [ -z "$graded" ]; then
    problem "$src: its opening comment should say \"Graded by tests/exercises/$rel: make grade EX=$id\""
  else
    read -r named named_id <<<"$graded"
    [ -e "$named" ] || problem "$src names a test file that does not exist: $named"
    [ "$named" = "tests/exercises/$rel" ] || problem "$src names $named, but its tests are tests/exercises/$rel"
    [ "$named_id" = "$id" ] || problem "$src says make grade EX=$named_id, but its id is $id"
  fi
  opening "$src" | head -n1 | grep -q "^/\* Exercise $id: " ||
    problem "$src: its opening comment should start with \"/* Exercise $id: \""
  [ -e "solutions/$rel" ] && ! cmp -s <(opening "$src") <(opening "solutions/$rel") &&
    problem "$src and solutions/$rel open with different comments"
done
for t in tests/exercises/*/[0-9]*-*.c; do
  [ -e "$t" ] || continue
  [ -e "exercises/${t#tests/exercises/}" ] || problem "$t tests a missing exercise"
done

check_hints exercises solutions

# 3. The pristine stubs.
pristine=build/pristine
rm -rf "$pristine" && mkdir -p "$pristine"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
   [ -n "$(git ls-files exercises)" ]; then
  git archive HEAD exercises | tar -x -C "$pristine"
  # Exercises not committed yet are checked from the working tree.
  for d in exercises/*/; do
    [ -d "$pristine/$d" ] || { mkdir -p "$pristine/$d" && cp "$d"* "$pristine/$d"; }
  done
else
  cp -R exercises "$pristine/"
fi

checked=0
for t in tests/exercises/[0-9][0-9]-*/[0-9]*-*.c; do
  [ -e "$t" ] || continue
  slug=$(basename "$(dirname "$t")") name=$(basename "$t" .c)
  id=${slug%%-*}-${name%%-*}
  log=$(NO_COLOR=1 tools/grade.sh --tree "$pristine/exercises" --exercise "$id" --brief --plain --run-untouched 2>&1)
  rc=$?
  checked=$((checked + 1))
  if grep -q 'no build' <<<"$log"; then
    problem "the stub of $id does not compile:"; echo "$log" | sed 's/^/    /' >&2
  elif [ $rc -eq 0 ]; then
    problem "the tests of $id pass on the pristine stub: they cannot tell it from a solution"
  fi
done

if [ $problems -gt 0 ]; then
  echo "check-exercises: $problems problem(s)" >&2
  exit 1
fi
echo "check-exercises: $checked exercises mirrored; every stub compiles and fails its tests"
