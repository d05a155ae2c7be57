#!/usr/bin/env bash
# regions.sh - every named region in the sources is quoted by a page of the book.
#
#   tools/regions.sh [ROOT]        (ROOT: the repository, by default this one)
#
# The book quotes code by region: ```{include="lib/neuron.c" region="weighted sum"}```
# shows the lines between `// [weighted sum]` and `// [end weighted sum]`. A region that
# no page quotes is code that says it is part of the lesson, yet no reader sees it, and
# nothing notices when it rots. This script lists every region (a `[name]` marker with
# its `[end name]` in the same file, in the marker styles book/filters/book.lua reads)
# and every quote in chapters/*/README.md and book/**/*.md, and fails, naming each one,
# when a region is quoted by no page. The book build runs it first.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

# Every "FILE<TAB>NAME<TAB>LINE" region in the sources.
regions() {
    find lib chapters bench tools tests exercises solutions fuzz book \
         -name node_modules -prune -o -type f \
         \( -name '*.c' -o -name '*.h' -o -name '*.py' -o -name '*.sh' -o -name '*.lua' \
            -o -name '*.gp' -o -name '*.md' \) -print 2>/dev/null | LC_ALL=C sort |
    while read -r file; do
        awk -v file="$file" '
            {
                line = $0
                if (!match(line, /^[ \t]*(\/\/|#|\/\*|<!--)[ \t]*\[.*\][ \t]*(\*\/|-->)?[ \t]*$/))
                    next
                name = line
                sub(/^[^[]*\[/, "", name)
                sub(/\][^]]*$/, "", name)
                if (name ~ /^end /) { ended[substr(name, 5)] = 1 }
                else if (!(name in opened)) { opened[name] = FNR }
            }
            END { for (n in opened) if (n in ended) printf "%s\t%s\t%d\n", file, n, opened[n] }
        ' "$file"
    done
}

# Every "FILE<TAB>NAME" that a page quotes.
quotes() {
    find chapters book -name '*.md' 2>/dev/null | LC_ALL=C sort | xargs -r cat |
    grep -oE '\{[^}]*include="[^"]*"[^}]*\}' |
    sed -nE 's/.*include="([^"]*)".*region="([^"]*)".*/\1\t\2/p; s/.*region="([^"]*)".*include="([^"]*)".*/\2\t\1/p'
}

quoted=$(quotes | LC_ALL=C sort -u)
unquoted=0
while IFS=$'\t' read -r file name line; do
    [ -n "$file" ] || continue
    if ! grep -qxF "$file"$'\t'"$name" <<<"$quoted"; then
        echo "$file:$line: region '$name' is quoted by no page (quote it in a chapter or remove its markers)" >&2
        unquoted=$((unquoted + 1))
    fi
done < <(regions | LC_ALL=C sort -t$'\t' -k1,1 -k3,3n)
if [ "$unquoted" -gt 0 ]; then
    echo "regions: $unquoted region(s) quoted by no page" >&2
    exit 1
fi
echo "regions: every region is quoted by a page"
