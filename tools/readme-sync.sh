#!/usr/bin/env bash
# readme-sync.sh - the code and output that the chapter READMEs quote, kept current.
#
#   tools/readme-sync.sh [--check] [--bin DIR] [--root DIR] [README...]
#
# A chapter README quotes code and program output between two comments, with the text
# itself in between so that the README reads well in the repository:
#
#   <!-- {include="lib/neuron.c" region="weighted sum"} -->
#   ```c
#   (the lines between // [weighted sum] and // [end weighted sum] in lib/neuron.c)
#   ```
#   <!-- end include -->
#
# and <!-- {.output run="01-neuron --seed 1" to="Part 2"} --> ... <!-- end output -->
# for what a program printed (the attributes are those of book/filters/book.lua).
# This script rewrites the text between the comments from the real files and programs,
# with the same code the book uses (book/filters/snippets.lua, run by pandoc's Lua), so
# a README shows what its page shows. `make` runs it before building the book.
#
#   --check     change nothing; fail, naming the README, the line and the quote, when
#               a quote's text is out of date (`make test` runs this)
#   --bin DIR   where the chapter programs are (default build/bin)
#   --root DIR  the repository to work on (default this one)
#   README...   the READMEs, relative to the root (default chapters/*/README.md)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$here/..
check=0
bin=build/bin
files=()
while [ $# -gt 0 ]; do
    case "$1" in
        --check) check=1 ;;
        --bin) bin=${2:?--bin needs a directory}; shift ;;
        --root) root=${2:?--root needs a directory}; shift ;;
        -*) echo "readme-sync.sh: unknown option '$1' (see the comment at the top)" >&2; exit 2 ;;
        *) files+=("$1") ;;
    esac
    shift
done
bin=$(cd "$bin" 2>/dev/null && pwd) || { echo "readme-sync.sh: no directory $bin (build the chapter programs first)" >&2; exit 2; }
cd "$root"
[ ${#files[@]} -gt 0 ] || files=(chapters/*/README.md)

README_SYNC_CHECK=$check README_SYNC_BIN=$bin README_SYNC_FILES=$(printf '%s\n' "${files[@]}") \
    pandoc --from=markdown --to=plain --lua-filter="$here/readme-sync.lua" -o /dev/null /dev/null
