#!/bin/sh
# text-figures.sh - checks that the figures the programs draw as text (--plot=dumb) can
# be read: no tick labels run together, no two labels on one tick row, no key box
# drawn over the data.
#
#   tools/text-figures.sh --draw BINDIR OUTDIR PROGRAM [ARGS...]
#   tools/text-figures.sh --check FILE...
#
#   --draw   runs BINDIR/PROGRAM --plot=dumb ARGS with gnuplot's text going into
#            OUTDIR/PROGRAM.txt (and the program's own text to OUTDIR/PROGRAM.out), so
#            the figures can be checked apart from the tables around them. A warning
#            from gnuplot fails it.
#   --check  reads files of text figures (gnuplot's output only) and fails, naming the
#            file, the line and the rule, when a line breaks one of these rules:
#
#   run together   on a row of tick labels (a row with a frame '|', or one of the two
#                  below a border "+---"), a word made only of digits, '.', '-', '+' and
#                  'e' (a number, as far as the eye can tell) that is not one number as
#                  gnuplot writes a tick label: "-1.--0." is -1.5 and -0.5 written over
#                  each other, "1." a label cut short by the next one, "+-+0.8" a label
#                  run into a frame.
#   one row        two numbers, then one space and the plot's frame ('|' or '+'): two
#                  y tick labels on the same row ("-0 0 |", -0.5 and 0).
#   key on data    a key's box ("+----+") inside a plot's frame, on a row between two
#                  '|': text cannot be opaque, so the key hides the data under it.
#
# Escape sequences (coloured figures) are removed before the check.
set -u

usage() {
    echo "usage: tools/text-figures.sh --draw BINDIR OUTDIR PROGRAM [ARGS...]" >&2
    echo "       tools/text-figures.sh --check FILE..." >&2
    exit 2
}
[ $# -ge 2 ] || usage

case $1 in
--draw)
    [ $# -ge 4 ] || usage
    bin=$2 out=$3 program=$4
    shift 4
    mkdir -p "$out" || exit 1
    gnuplot=$(command -v "${NN_GNUPLOT:-gnuplot}") || {
        echo "text-figures: gnuplot not found" >&2
        exit 1
    }
    # A gnuplot that writes its figures to the file instead of the program's stdout.
    : > "$out/$program.txt"
    printf '#!/bin/sh\nexec "%s" "$@" >> "%s"\n' "$gnuplot" "$out/$program.txt" \
        > "$out/gnuplot"
    chmod +x "$out/gnuplot"
    NN_GNUPLOT=$out/gnuplot "$bin/$program" --plot=dumb "$@" > "$out/$program.out" 2>&1 || {
        echo "text-figures: $bin/$program --plot=dumb $* failed:" >&2
        tail -n 5 "$out/$program.out" >&2
        exit 1
    }
    # gnuplot's complaints (its stderr is the program's) mean a figure is not as meant.
    if grep -n 'line [0-9]*: warning:' "$out/$program.out" >&2; then
        echo "text-figures: gnuplot warned while drawing $program's figures" >&2
        exit 1
    fi
    ;;
--check)
    shift
    status=0
    for file in "$@"; do
        [ -s "$file" ] || { echo "text-figures: $file: no figures" >&2; status=1; continue; }
        sed 's/\x1b\[[0-9;]*m//g; s/\r$//' "$file" | awk -v file="$file" '
            function report(rule, what) {
                printf "%s:%d: %s: %s\n    %s\n", file, NR, rule, what, $0
                bad = 1
            }
            # The rows that hold tick labels: those with a frame, and the two below
            # each border (the x axis). Titles and key entries are left alone.
            /\+---/ { axis = 3 }
            {
                n = (axis-- > 0 || /\|/) ? split($0, word, /[ \t\f]+/) : 0
                for (i = 1; i <= n; i++) {
                    w = word[i]
                    if (w ~ /^[-+.0-9eE]+$/ && w ~ /[0-9]/ &&
                        w !~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/)
                        report("run together", "\"" w "\" is not one tick label")
                }
                if (match($0, /(^|[ |+])-?[0-9][0-9.eE+-]* +-?[0-9][0-9.eE+-]* [|+]/))
                    report("one row", "two tick labels on one row: \"" \
                           substr($0, RSTART, RLENGTH) "\"")
                if ($0 ~ /\|[^|]*\+---+\+[^|]*\|/)
                    report("key on data", "a key box inside the plot")
            }
            END { exit bad }' || status=1
    done
    [ $status = 0 ] && echo "text-figures: $# files of figures, tick labels apart, no key on the data"
    exit $status
    ;;
*)
    usage
    ;;
esac
