#!/usr/bin/env bash
# library-growth.sh - what each chapter adds to the library, as a markdown table.
#
#   tools/library-growth.sh            the table, for the book's "library at a glance"
#   tools/library-growth.sh --check F  fails unless F holds the table, as it is now,
#                                      between <!-- [library growth] --> markers
#   tools/library-growth.sh --write F  puts the table there
#
# Each lib/ file names, in its opening comment, the chapter that introduces it: the
# first "chapter N" there. A row gives, for one chapter, its modules (a header and its
# source, or either alone) with their lines and
# the number of public functions its headers declare (those that nn.h includes); a list
# after the table names them. Nothing here is written by hand, so the table cannot
# drift from the code.
set -euo pipefail
cd "$(dirname "$0")/.."

# The chapter that introduces FILE: the first "chapter N" of its opening comment.
chapter_of() {
    awk '{ print } /\*\// { exit }' "$1" | grep -oiE 'chapter [0-9]+' | head -1 | grep -oE '[0-9]+'
}

public_headers=$(sed -n 's/^#include "\(.*\.h\)"/lib\/\1/p' lib/nn.h)

# The public functions a header declares: nn_name( at the start of a declaration.
functions_of() {
    grep -hoE '^[a-z_A-Z][a-z_A-Z0-9 *]*[ *](nn_[a-z0-9_]+)\(' "$1" |
        grep -oE 'nn_[a-z0-9_]+\($' | tr -d '(' || true
}

table() {
    local rows="" list=""
    for ch in 1 2 3 4 5 6 7 8; do
        files="" lines=0 names=""
        for module in $(ls lib/*.h lib/*.c | sed 's/\.[ch]$//' | sort -u); do
            [ "$module" != lib/nn ] || continue # the umbrella header of them all
            n=0
            for f in "$module.h" "$module.c"; do
                [ -f "$f" ] && [ "$(chapter_of "$f")" = "$ch" ] || continue
                n=$((n + $(wc -l <"$f")))
                if grep -qxF "$f" <<<"$public_headers"; then
                    for fn in $(functions_of "$f"); do names="$names, \`$fn\`"; done
                fi
            done
            [ "$n" -gt 0 ] || continue
            files="$files, \`$(basename "$module")\` ($n)"
            lines=$((lines + n))
        done
        count=$( (grep -o '`nn_' <<<"$names" || true) | wc -l)
        if [ -n "$files" ]; then files="$lines lines: ${files#, }"
        else files="nothing: it uses what earlier chapters built"; fi
        rows="$rows$(printf '| %d | %s | %d |' "$ch" "$files" "$count")"$'\n'
        [ "$count" -eq 0 ] ||
            list="$list$(printf -- '- **Chapter %d** (%d): %s.' "$ch" "$count" "${names#, }")"$'\n'
    done
    echo "| Ch. | Modules it adds to \`lib/\` (lines of \`.h\` and \`.c\`) | Functions |"
    echo "|---|------------------------------------------|---------:|"
    printf '%s' "$rows"
    echo
    echo "The public functions each chapter adds, module by module:"
    echo
    printf '%s' "$list"
}

OPEN='<!-- [library growth] -->' CLOSE='<!-- [end library growth] -->'
case "${1:-}" in
--check)
    current=$(awk -v o="$OPEN" -v c="$CLOSE" '$0 == c { inside = 0 } inside { print } $0 == o { inside = 1 }' "$2")
    if [ "$current" != "$(table)" ]; then
        echo "$2: the library growth table is out of date (tools/library-growth.sh --write $2)" >&2
        exit 1
    fi
    exit 0 ;;
--write)
    new=$(table)
    awk -v o="$OPEN" -v c="$CLOSE" -v t="$new" '
        $0 == c { inside = 0 } !inside { print } $0 == o { inside = 1; print t }' "$2" >"$2.tmp"
    mv "$2.tmp" "$2"
    exit 0 ;;
esac
table
