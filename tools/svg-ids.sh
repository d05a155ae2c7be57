#!/usr/bin/env bash
# svg-ids.sh - copies of the book's figures whose ids are unique across the whole book.
#
#   tools/svg-ids.sh FIGURES_DIR OUT_DIR
#
# gnuplot names the parts of every SVG it draws the same way (gnuplot_plot_1, gpPt6...),
# and a figure with several panels repeats those names inside one file. A web page shows
# each figure as a separate image, so that does no harm there; an EPUB is XML, where an
# id must be unique, and epubcheck rejects the repeats. This copies FIGURES_DIR/NN/name.svg
# to OUT_DIR/figures/NN/name.svg with every id prefixed by the figure's own name
# (fig-NN-name-gnuplot_plot_1), a repeat numbered (...-2), and every reference to an id
# (href="#id", url(#id)) rewritten to match. The figures themselves are not touched.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: tools/svg-ids.sh FIGURES_DIR OUT_DIR" >&2; exit 2; }
src=$1 out=$2
rm -rf "$out/figures"
find "$src" -name '*.svg' | sort | while read -r svg; do
  rel=${svg#"$src"/}
  prefix="fig-$(printf '%s' "${rel%.svg}" | tr -c 'A-Za-z0-9_\n-' '-')"
  mkdir -p "$out/figures/$(dirname "$rel")"
  perl -pe '
    BEGIN { $p = shift @ARGV }
    s/\bid=(["\x27])([^"\x27]*)\1/"id=$1$p-$2" . (++$seen{$2} > 1 ? "-$seen{$2}" : "") . $1/ge;
    s/(href=["\x27]#|url\(#)/$1$p-/g;
  ' "$prefix" "$svg" > "$out/figures/$rel"
done
