#!/usr/bin/env bash
# exercise.sh - the learner's helpers around the grader.
#
#   tools/exercise.sh hint EX          show the next level of exercise EX's hint
#   tools/exercise.sh solution EX      show the solution, once EX passes its tests
#   tools/exercise.sh watch [EX|CH] [--tree DIR]
#                                      re-grade on every save (EX, a chapter, or the
#                                      next unfinished exercise), moving on to the next
#                                      unfinished exercise when it passes, until Ctrl-C
#
# Run through make (`make hint EX=03-2`, `make solution EX=03-2`, `make watch`), which
# passes the grader's environment.
#
# A hint has three levels (a nudge, the idea, how it maps onto C) separated by lines
# holding only ---. Each `make hint EX=..` shows one more level, with the ones before
# it; the level reached is kept per exercise in $HINT_LEVELS (build/hint-levels by
# default, one "EX LEVEL" line each, so `make clean` starts the hints over).
set -uo pipefail

usage() { sed -n '3,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
HINT_LEVELS=${HINT_LEVELS:-build/hint-levels}

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
    hint=${file%.c}.hint
    levels=$(grep -c '^---$' "$hint"); levels=$((levels + 1))
    seen=$(awk -v ex="$2" '$1 == ex { n = $2 } END { print n + 0 }' "$HINT_LEVELS" 2>/dev/null || echo 0)
    level=$((seen + 1)); [ $level -gt $levels ] && level=$levels
    mkdir -p "$(dirname "$HINT_LEVELS")"
    { grep -v "^$2 " "$HINT_LEVELS" 2>/dev/null; echo "$2 $level"; } >"$HINT_LEVELS.tmp" &&
      mv "$HINT_LEVELS.tmp" "$HINT_LEVELS"
    titles=("a nudge" "the idea" "in C")
    awk -v upto="$level" -v total="$levels" -v t1="${titles[0]}" -v t2="${titles[1]}" -v t3="${titles[2]}" '
      BEGIN { n = 1; title[1] = t1; title[2] = t2; title[3] = t3 }
      /^---$/ { n++; next }
      n <= upto { if (!(n in done)) { printf "%sHint %d of %d (%s):\n", (n > 1 ? "\n" : ""), n, total, title[n]; done[n] = 1 }
                  print "  " $0 }' "$hint"
    echo
    if [ $level -lt $levels ]; then
      echo "Still stuck? 'make hint EX=$2' again shows hint $((level + 1)) of $levels."
    else
      echo "That was the last hint. Once $file passes, 'make solution EX=$2' shows the course's answer."
    fi
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
    shift
    target= tree=exercises
    while [ $# -gt 0 ]; do
      case "$1" in
        --tree) tree=${2:?--tree needs a directory}; shift 2 ;;
        *) target=$1; shift ;;
      esac
    done
    # The next unfinished exercise, as the grader names it ("next: FILE").
    next_id() {
      local next slug name
      next=$(NO_COLOR=1 tools/grade.sh --tree "$tree" 2>/dev/null | sed -n 's/^next: //p')
      [ -n "$next" ] || return 1
      slug=$(basename "$(dirname "$next")") name=$(basename "$next" .c)
      echo "${slug%%-*}-${name%%-*}"
    }
    if [ -z "$target" ]; then
      target=$(next_id) || { echo "Every exercise passes. Nothing to watch."; exit 0; }
    fi
    grade() {
      local args
      if [[ "$target" =~ ^[0-9]{2}-[0-9]+$ ]]; then args=(--exercise "$target"); else args=(--chapter "$target"); fi
      clear 2>/dev/null || true
      if tools/grade.sh --tree "$tree" "${args[@]}"; then
        # It passes: say so, and move on to the next unfinished exercise, if any.
        echo
        echo "✔ $target passes."
        if target=$(next_id); then
          echo "Moving on to $target."
          echo
          tools/grade.sh --tree "$tree" --exercise "$target"
        else
          echo "Every exercise passes. Well done."
          exit 0
        fi
      fi
      echo
      echo "watching $tree/ for changes to grade $target again (Ctrl-C to stop)"
    }
    grade
    if command -v inotifywait >/dev/null 2>&1; then
      while inotifywait -qq -r -e close_write,moved_to,create "$tree"; do grade; done
    else
      # Polling fallback: compare a checksum of the tree every second.
      last=$(find "$tree" -type f -exec cksum {} + | cksum)
      while sleep 1; do
        now=$(find "$tree" -type f -exec cksum {} + | cksum)
        [ "$now" != "$last" ] && { last=$now; grade; }
      done
    fi
    ;;
  *) usage ;;
esac
