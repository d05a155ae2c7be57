#!/usr/bin/env bash
# book-toc.sh - the book's table of contents as pandoc metadata (YAML).
#
#   tools/book-toc.sh chapters/01-neuron/README.md ... book/appendices/glossary.md ...
#
# Each page is named after its source: a chapter's folder (01-neuron) or an appendix's
# file (glossary). Its title is the first level-1 heading of the source.
set -euo pipefail
echo "toc:"
for source in "$@"; do
  case "$source" in
    */README.md) slug=$(basename "$(dirname "$source")") ;;
    *) slug=$(basename "$source" .md) ;;
  esac
  title=$(sed -n 's/^# //p' "$source" | head -n1)
  [ -n "$title" ] || { echo "book-toc.sh: $source has no '# Title' line" >&2; exit 1; }
  printf '  - slug: "%s"\n    title: "%s"\n' "$slug" "${title//\"/\\\"}"
done
