#!/usr/bin/env bash
# library-growth.sh - what each chapter adds to the library, as a markdown table.
#
#   tools/library-growth.sh            the table, for the book's "library at a glance"
#   tools/library-growth.sh --check F  fails unless F holds the table, as it is now,
#                                      between <!-- [library growth] --> markers
#   tools/library-growth.sh --write F  puts the table there
#
# Each lib/ file names, in its opening comment, the chapter that introduces it: the
# first "chapter N" there. A row gives, for one chapter, its files with their lines and
# the public functions its headers declare (those that nn.h includes). Nothing here is
# written by hand, so the table cannot drift from the code.
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
    echo "| Chapter | Files it adds to \`lib/\` (lines) | Lines | Public functions it adds |"
    echo "|---|---|---:|---|"
    for ch in 1 2 3 4 5 6 7 8; do
        files="" lines=0 names=""
        for f in lib/*.h lib/*.c; do
            [ "$f" != lib/nn.h ] || continue # the umbrella header of them all
            [ "$(chapter_of "$f")" = "$ch" ] || continue
            n=$(wc -l <"$f")
            files="$files, \`$(basename "$f")\` ($n)"
            lines=$((lines + n))
            if grep -qxF "$f" <<<"$public_headers"; then
                for fn in $(functions_of "$f"); do names="$names, \`$fn\`"; done
            fi
        done
        count=$( (grep -o '`nn_' <<<"$names" || true) | wc -l)
        [ -n "$files" ] || files=", none: it uses what earlier chapters built"
        [ "$count" -gt 0 ] || names=", none"
        printf '| %d | %s | %d | %d: %s |\n' "$ch" "${files#, }" "$lines" "$count" \
            "${names#, }"
    done
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
