#!/usr/bin/env bash
# book-toc.sh - the book's table of contents as pandoc metadata (YAML).
#
#   tools/book-toc.sh 01-neuron 02-sigmoid ...  > build/book/toc.yaml
#
# Each chapter's title is the first level-1 heading of chapters/SLUG/README.md.
set -euo pipefail
echo "toc:"
for slug in "$@"; do
  readme=chapters/$slug/README.md
  title=$(sed -n 's/^# //p' "$readme" | head -n1)
  [ -n "$title" ] || { echo "book-toc.sh: $readme has no '# Title' line" >&2; exit 1; }
  printf '  - slug: "%s"\n    title: "%s"\n' "$slug" "${title//\"/\\\"}"
done
