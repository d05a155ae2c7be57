#!/bin/sh
# figures.sh - keeps the committed figures equal, byte for byte, to the ones the programs draw.
#
#   tools/figures.sh --check  DRAWN=COMMITTED ...
#   tools/figures.sh --update DRAWN=COMMITTED ...
#
# Each pair names a directory of freshly drawn SVGs (under build/) and the directory
# where the repository keeps its copies (chapters/NN-slug/figures, book/appendices/figures),
# which the READMEs show when read in the repository.
#
#   --check   fails, naming the file, when a committed SVG differs from the drawn one, is
#             missing, or is no longer drawn. Figures drawn by another gnuplot version
#             than the committed ones cannot match; they are reported and skipped.
#   --update  copies each drawn SVG that differs over the committed one, and removes
#             committed SVGs that are no longer drawn. It prints what it changed.
set -u

usage() {
    echo "usage: tools/figures.sh --check|--update DRAWN=COMMITTED ..." >&2
    exit 2
}
[ $# -ge 2 ] || usage
mode=$1
shift
case $mode in --check|--update) ;; *) usage ;; esac

# The "Produced by GNUPLOT 5.4 patchlevel 4" line of an SVG.
gnuplot_version() {
    sed -n 's/.*<desc>Produced by \(GNUPLOT [^<]*[^ <]\) *<\/desc>.*/\1/p' "$1" | head -n 1
}

status=0
stale=0
for pair in "$@"; do
    drawn=${pair%%=*}
    committed=${pair#*=}
    [ "$drawn" != "$pair" ] && [ -n "$committed" ] || usage
    if ! ls "$drawn"/*.svg > /dev/null 2>&1; then
        echo "figures: nothing drawn in $drawn" >&2
        status=1
        continue
    fi
    if [ "$mode" = --update ]; then
        mkdir -p "$committed"
        for new in "$drawn"/*.svg; do
            old=$committed/${new##*/}
            cmp -s "$new" "$old" && continue
            cp "$new" "$old" && echo "figures: wrote $old"
        done
        for old in "$committed"/*.svg; do
            [ -e "$old" ] && [ ! -e "$drawn/${old##*/}" ] || continue
            rm "$old" && echo "figures: removed $old (no longer drawn)"
        done
        continue
    fi
    first=$(ls "$drawn"/*.svg | head -n 1)
    if [ -e "$committed/${first##*/}" ]; then
        was=$(gnuplot_version "$committed/${first##*/}")
        now=$(gnuplot_version "$first")
        if [ "$was" != "$now" ]; then
            echo "figures: skipped $committed: committed figures were drawn by $was," \
                 "this machine's by ${now:-an unknown gnuplot}" >&2
            continue
        fi
    fi
    for new in "$drawn"/*.svg; do
        old=$committed/${new##*/}
        if [ ! -e "$old" ]; then
            echo "figures: $old is missing (drawn as $new)" >&2
            stale=1
        elif ! cmp -s "$new" "$old"; then
            echo "figures: $old differs from what the program draws ($new)" >&2
            stale=1
        fi
    done
    for old in "$committed"/*.svg; do
        [ -e "$old" ] && [ ! -e "$drawn/${old##*/}" ] || continue
        echo "figures: $old is no longer drawn" >&2
        stale=1
    done
done
if [ $stale = 1 ]; then
    echo "figures: the committed figures are out of date; run 'make figures' and commit them" >&2
    status=1
fi
exit $status
