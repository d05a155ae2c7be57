#!/usr/bin/env bash
# check-exercises.sh - prove that the exercise tests can fail, and that the trees match.
#
# 1. exercises/ and solutions/ mirror each other: the same .c and .h files in every
#    chapter, identical headers, a test file and a hint for every exercise.
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
for src in exercises/*/[0-9]*-*.c; do
  [ -e "$src" ] || continue
  rel=${src#exercises/}
  [ -e "tests/exercises/$rel" ] || problem "$src has no tests (tests/exercises/$rel)"
  [ -s "${src%.c}.hint" ] || problem "$src has no hint (${src%.c}.hint)"
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
