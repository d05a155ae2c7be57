#!/usr/bin/env bash
# check-exercises.sh - prove that the exercise tests can fail, and that the trees match.
#
# 1. exercises/ and solutions/ mirror each other: the same .c and .h files in every
#    chapter, identical headers, a test file and a hint for every exercise. Each stub's
#    opening comment names its test file and its grade command, and the solution opens
#    with the same comment (the task is stated once, in both).
# 2. Every exercise's tests fail on its pristine stub (the committed version when this
#    is a git checkout, so a learner's own work does not count), and every stub compiles.
#
# Run by `make test` with the environment that tools/grade.sh needs.
set -uo pipefail

problems=0
problem() { echo "check-exercises: $*" >&2; problems=$((problems + 1)); }

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
  [ -s "${src%.c}.hint" ] || problem "$src has no hint (${src%.c}.hint)"
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

# 2. The pristine stubs.
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
  log=$(NO_COLOR=1 tools/grade.sh --tree "$pristine/exercises" --exercise "$id" --brief 2>&1)
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
