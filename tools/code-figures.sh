#!/usr/bin/env bash
# code-figures.sh - the figures that say whether the code a learner opens is the lesson
# (`make code-figures`). It prints, and checks against the limits the course keeps:
#
#   - the lines of each chapters/*/main.c (at most 400);
#   - the longest functions in chapters/ (at most 80 lines each);
#   - the lines of each lib/*.c (at most 1,000);
#   - the longest functions in lib/ (at most 100 lines, except those listed with their
#     reason in docs/ARCHITECTURE.md under "Long functions");
#   - error macros defined again in chapters/ (TRY, CHECK, NEW, FROM: none);
#   - `(void)` lines in the exercise stubs (none);
#   - library files whose opening comment does not name the chapter that introduces
#     them (none);
#   - whether docs/ARCHITECTURE.md's table of what each chapter adds to the library is
#     the one tools/library-growth.sh makes now.
#
# A function runs from the line at column 0 that names it to the `}` at column 0 that
# closes it (the course's style puts both braces of a function on lines of their own).
# With --check, the script exits 1 when a limit is broken.
set -euo pipefail
cd "$(dirname "$0")/.."

check=0
[ "${1:-}" = "--check" ] && check=1
broken=0
over() { broken=$((broken + 1)); printf '  OVER: %s\n' "$*"; }

# functions FILE...: "LINES FILE:LINE NAME" for every function definition.
functions() {
    awk '
        FNR == 1 { head = ""; start = 0; inside = 0 }
        !inside && /^[A-Za-z_].*\(/ && !/;[[:space:]]*$/ { head = $0; start = FNR }
        !inside && /^\{/ && start { inside = 1; name = head; sub(/\(.*/, "", name);
                                    n = split(name, w, /[ *]+/); name = w[n] }
        inside && /^\}/ { printf "%d %s:%d %s\n", FNR - start + 1, FILENAME, start, name;
                          inside = 0; start = 0 }
    ' "$@"
}

echo "Chapter programs (main.c, at most 400 lines each):"
for f in chapters/*/main.c; do
    n=$(wc -l <"$f")
    printf '  %5d  %s\n' "$n" "$f"
    [ "$n" -le 400 ] || over "$f has $n lines"
done

echo "Longest functions in chapters/ (at most 80 lines):"
# sed -n 1,5p, not head -5: head stops reading, and sort's SIGPIPE would fail the
# script (pipefail) whenever sort was still writing.
functions chapters/*/*.c | sort -rn | sed -n 1,5p | sed 's/^/  /'
while read -r n where name; do
    [ "$n" -le 80 ] || over "$where $name() has $n lines"
done < <(functions chapters/*/*.c)

echo "Library sources (lib/*.c, at most 1,000 lines each):"
wc -l lib/*.c | sort -rn | sed -n '2,6p' | sed 's/^/  /'
for f in lib/*.c; do
    n=$(wc -l <"$f")
    [ "$n" -le 1000 ] || over "$f has $n lines"
done

echo "Longest functions in lib/ (at most 100 lines; exceptions in docs/ARCHITECTURE.md):"
functions lib/*.c | sort -rn | sed -n 1,5p | sed 's/^/  /'
exceptions=$(sed -n '/^### Long functions/,/^#/p' docs/ARCHITECTURE.md 2>/dev/null \
             | grep -o '`[a-z_0-9]*()`' | tr -d '`()' || true)
while read -r n where name; do
    [ "$n" -le 100 ] && continue
    if grep -qx "$name" <<<"$exceptions"; then
        printf '  excepted (docs/ARCHITECTURE.md): %s %s() has %d lines\n' "$where" "$name" "$n"
    else
        over "$where $name() has $n lines"
    fi
done < <(functions lib/*.c)

echo "Error macros defined in chapters/ (TRY, CHECK, NEW, FROM; none):"
defs=$(grep -nE '^[[:space:]]*#[[:space:]]*define[[:space:]]+(TRY|CHECK|NEW|FROM)\b' chapters/*/*.c || true)
if [ -n "$defs" ]; then sed 's/^/  /' <<<"$defs"; over "error macros defined in chapters/"; else echo "  none"; fi

echo "(void) lines in the exercise stubs (none):"
voids=$({ grep -c '(void)' exercises/*/*.c || true; } | awk -F: '{ s += $2 } END { print s + 0 }')
echo "  $voids"
[ "$voids" -eq 0 ] || over "$voids (void) lines in exercises/"

echo "Library files whose opening comment names no chapter (none):"
unnamed=0
for f in lib/*.c lib/*.h; do
    if ! awk '{ print } /\*\// { exit }' "$f" | grep -qiE 'chapter [0-9]'; then
        echo "  $f"
        unnamed=$((unnamed + 1))
    fi
done
[ "$unnamed" -eq 0 ] && echo "  none" || over "$unnamed library files name no chapter"

echo "The library growth table in docs/ARCHITECTURE.md:"
if tools/library-growth.sh --check docs/ARCHITECTURE.md; then echo "  current"; else over "the table is out of date"; fi

if [ "$broken" -eq 0 ]; then echo "All limits kept."; else echo "$broken limit(s) broken."; fi
[ "$check" -eq 0 ] || [ "$broken" -eq 0 ]
