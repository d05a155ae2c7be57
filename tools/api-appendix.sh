#!/usr/bin/env bash
# api-appendix.sh - the book's appendix "The library at a glance", made from the headers.
#
#   tools/api-appendix.sh lib/*.h > build/book/api.md
#
# For each header (in the order given; nn.h is skipped) it prints the header's opening
# comment up to its first blank comment line, then every public declaration that
# follows a one-line contract comment, as a C listing. Before them comes the table of
# what each chapter adds (tools/library-growth.sh). Nothing here is written by hand,
# so the appendix cannot drift from the headers.
set -euo pipefail

cat <<'EOF'
# Appendix: The library at a glance

Every public function of `build/libnn.a`, with its one-line contract, taken from the
headers in `lib/` when the book is built. Include `nn.h` (compile with `-Ilib`, link
`build/libnn.a -lm -pthread`). Functions that can fail return an `nn_status` and fill an
`nn_error`; the library never exits and never prints.

## The library, chapter by chapter

The library grows with the course: each chapter adds the modules it teaches. Two
programs borrow ahead: chapter 1 draws its random starting weights with chapter 3's
generator, and chapter 3 shows its draws as numpy arrays with chapter 5's matrices and
printing. Each file's opening comment names its chapter; this table is made from those
comments when the book is built.

EOF
"$(dirname "$0")/library-growth.sh"

for header in "$@"; do
  name=$(basename "$header")
  [ "$name" = nn.h ] && continue
  echo
  echo "## \`$name\`"
  echo
  # The opening comment's first paragraph, without the comment markers or the
  # "file.h - " prefix.
  awk 'NR == 1 && !/^\/\*/ { exit }
       { line = $0; sub(/^\/\* ?/, "", line); sub(/^ \*\/?/, "", line); sub(/^ /, "", line)
         if (NR == 1) { sub(/^[A-Za-z_0-9.]+ - /, "", line); line = toupper(substr(line, 1, 1)) substr(line, 2) }
         if (line == "" && NR > 1) exit
         print line
         if ($0 ~ /\*\//) exit }' "$header"
  echo
  echo '```c'
  # A declaration is printed with the comment just above it: a comment block followed
  # by a line that ends in ");" (possibly after continuation lines), or a typedef.
  awk '
    /^\/\*/ && !/^\/\* *[A-Za-z_0-9.]+\.h - / { comment = $0; incomment = ($0 !~ /\*\//); next }
    incomment { comment = comment "\n" $0; if ($0 ~ /\*\//) incomment = 0; next }
    /^(typedef|struct|enum)[^;]*$/ && depth == 0 { block = $0; depth = 1; next }
    depth > 0 { block = block "\n" $0; if ($0 ~ /^}/) { print_it(block); depth = 0 }; next }
    /^[a-z_A-Z].*\(/ && !/^#/ && !/^static inline/ { decl = $0; if (decl ~ /;\s*$/) { print_it(decl) } else { pending = 1 } ; next }
    pending { decl = decl "\n" $0; if ($0 ~ /;\s*$/) { pending = 0; print_it(decl) }; next }
    /^$/ { comment = "" }
    function print_it(text) {
      if (comment != "") print comment
      sub(/\n#if defined\(__GNUC__\)\n.*\n#endif/, "", text)
      print text
      print ""
      comment = ""
    }
  ' "$header" | sed -e '/__attribute__/d' -e '/^#if defined(__GNUC__)/d' -e '/^#endif/d' |
    sed -e ':a' -e 'N' -e '$!ba' -e 's/\n *;/;/g' | cat -s | sed '${/^$/d}'
  echo '```'
done
