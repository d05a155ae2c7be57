#!/usr/bin/env bash
# exercise.sh - the learner's helpers around the grader.
#
#   tools/exercise.sh hint EX          print the hint of exercise EX (e.g. 03-2)
#   tools/exercise.sh solution EX      show the solution, once EX passes its tests
#   tools/exercise.sh watch [EX|CH]    re-grade on every save (EX, a chapter, or the
#                                      next unfinished exercise), until Ctrl-C
#
# Run through make (`make hint EX=03-2`, `make solution EX=03-2`, `make watch`), which
# passes the grader's environment.
set -uo pipefail

usage() { sed -n '3,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# The exercise file for an id like 03-2: exercises/03-*/2-*.c
find_exercise() {
  local id=$1 chapter number
  [[ "$id" =~ ^([0-9]{2})-([0-9]+)$ ]] || { echo "expected an exercise id like 03-2, got '$id'" >&2; return 1; }
  chapter=${BASH_REMATCH[1]} number=${BASH_REMATCH[2]}
  local matches=(exercises/"$chapter"-*/"$number"-*.c)
  [ -e "${matches[0]}" ] || { echo "no exercise $id (looked for exercises/$chapter-*/$number-*.c)" >&2; return 1; }
  echo "${matches[0]}"
}

cmd=${1:-}
case "$cmd" in
  hint)
    [ -n "${2:-}" ] || { echo "usage: make hint EX=03-2" >&2; exit 2; }
    file=$(find_exercise "$2") || exit 2
    echo "Hint for $2 ($file):"
    sed 's/^/  /' "${file%.c}.hint"
    ;;
  solution)
    [ -n "${2:-}" ] || { echo "usage: make solution EX=03-2" >&2; exit 2; }
    file=$(find_exercise "$2") || exit 2
    if NO_COLOR=1 tools/grade.sh --exercise "$2" --brief >/dev/null 2>&1; then
      echo "You solved $2. The course's solution, solutions/${file#exercises/}:"
      echo
      cat "solutions/${file#exercises/}"
    else
      echo "The solution of $2 opens once your $file passes its tests." >&2
      echo "Run 'make grade EX=$2' to see what is still failing, or 'make hint EX=$2'." >&2
      exit 1
    fi
    ;;
  watch)
    target=${2:-}
    if [ -z "$target" ]; then
      # The next unfinished exercise, as the grader names it.
      next=$(NO_COLOR=1 tools/grade.sh 2>/dev/null | sed -n 's/^next: //p')
      [ -n "$next" ] || { echo "Every exercise passes. Nothing to watch."; exit 0; }
      slug=$(basename "$(dirname "$next")") name=$(basename "$next" .c)
      target=${slug%%-*}-${name%%-*}
    fi
    if [[ "$target" =~ ^[0-9]{2}-[0-9]+$ ]]; then args=(--exercise "$target"); else args=(--chapter "$target"); fi
    grade() { clear 2>/dev/null || true; tools/grade.sh "${args[@]}"; echo; echo "watching exercises/ for changes to grade $target again (Ctrl-C to stop)"; }
    grade
    if command -v inotifywait >/dev/null 2>&1; then
      while inotifywait -qq -r -e close_write,moved_to,create exercises; do grade; done
    else
      # Polling fallback: compare a checksum of the tree every second.
      last=$(find exercises -type f -exec cksum {} + | cksum)
      while sleep 1; do
        now=$(find exercises -type f -exec cksum {} + | cksum)
        [ "$now" != "$last" ] && { last=$now; grade; }
      done
    fi
    ;;
  *) usage ;;
esac
