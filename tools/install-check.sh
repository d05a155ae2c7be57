#!/bin/bash
# install-check.sh - `make install` works like any C library's (run by `make test`).
#
# Installs libnn into a temporary prefix, builds the example of the top-level README
# with the flags `pkg-config --cflags --libs nn-course` gives, once against the shared
# library and once statically (--static), runs both and compares their output with the
# output the README shows. Then checks that DESTDIR stages the same files under another
# root and that `make uninstall` removes exactly what install put there (a file of
# someone else's in the same directories stays).
set -u
MAKE=${MAKE:-make}
CC=${CC:-cc}
root=$(mktemp -d "${TMPDIR:-/tmp}/nn-install-XXXXXX")
trap 'rm -rf "$root"' EXIT
fail() { echo "install-check: $*" >&2; exit 1; }

prefix=$root/prefix
$MAKE -s install PREFIX="$prefix" >"$root/install.log" 2>&1 ||
    { cat "$root/install.log" >&2; fail "make install PREFIX=$prefix failed"; }
for f in lib/libnn.a lib/libnn.so lib/libnn.so.1 include/nn/nn.h include/nn/mlp.h \
         lib/pkgconfig/nn-course.pc; do
    [ -e "$prefix/$f" ] || fail "make install did not install $f"
done
[ ! -e "$prefix/include/nn/mlp_internal.h" ] || fail "an internal header was installed"
soname=$(readelf -d "$prefix/lib/libnn.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
[ "$soname" = libnn.so.1 ] || fail "the shared library's soname is '$soname', not libnn.so.1"

# The README's example and the output it shows.
sed -n '/^```c$/,/^```$/p' README.md | sed '1d;$d' > "$root/example.c"
grep -q 'nn_mlp_fit' "$root/example.c" || fail "no C example found in README.md"
want=$(grep -m1 -E '^[0-9]+ iterations, loss' README.md)
[ -n "$want" ] || fail "README.md shows no output of its example"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
pkg-config --exists nn-course || fail "pkg-config does not find nn-course"
# shellcheck disable=SC2046
$CC -std=c11 -o "$root/dynamic" "$root/example.c" $(pkg-config --cflags --libs nn-course) ||
    fail "the example does not build against the shared library"
# shellcheck disable=SC2046
$CC -std=c11 -static -o "$root/static" "$root/example.c" \
    $(pkg-config --cflags --libs --static nn-course) ||
    fail "the example does not build statically"
# The headers live in their own directory: a program that also includes the system's
# <error.h> gets glibc's, not ours (pkg-config's -I must not point inside include/nn/).
printf '#include <error.h>\n#include <nn/nn.h>\nint main(void) { return (int)error_message_count; }\n' \
    > "$root/both.c"
# shellcheck disable=SC2046
$CC -std=c11 -D_GNU_SOURCE -c -o "$root/both.o" "$root/both.c" $(pkg-config --cflags nn-course) ||
    fail "with pkg-config's flags, the library's error.h hides the system's <error.h>"
ldd "$root/dynamic" | grep -q "libnn.so.1 => $prefix/lib/libnn.so.1" ||
    LD_LIBRARY_PATH="$prefix/lib" ldd "$root/dynamic" | grep -q "libnn.so.1 => $prefix/lib" ||
    fail "the dynamic example does not load libnn.so.1"
dyn=$(LD_LIBRARY_PATH="$prefix/lib" "$root/dynamic") || fail "the dynamic example failed"
sta=$("$root/static") || fail "the static example failed"
if readelf -d "$root/static" | grep -q NEEDED; then
    fail "the static example still needs shared libraries"
fi
[ "$dyn" = "$sta" ] || fail "static and dynamic examples differ: '$sta' / '$dyn'"
[ "$dyn" = "$want" ] || fail "the example printed '$dyn', the README shows '$want'"

# DESTDIR stages the same files; uninstall removes exactly them.
stage=$root/stage
mkdir -p "$stage/usr/local/lib" && echo keep > "$stage/usr/local/lib/other.txt"
$MAKE -s install DESTDIR="$stage" PREFIX=/usr/local >"$root/stage.log" 2>&1 ||
    { cat "$root/stage.log" >&2; fail "make install DESTDIR=... failed"; }
grep -q '^prefix=/usr/local$' "$stage/usr/local/lib/pkgconfig/nn-course.pc" ||
    fail "with DESTDIR, the .pc file must still name the final prefix"
(cd "$prefix" && find . \( -type f -o -type l \) | sort) > "$root/a"
(cd "$stage/usr/local" && find . \( -type f -o -type l \) ! -name other.txt | sort) > "$root/b"
cmp -s "$root/a" "$root/b" || fail "DESTDIR installed other files than PREFIX did"
$MAKE -s uninstall DESTDIR="$stage" PREFIX=/usr/local >/dev/null 2>&1 || fail "make uninstall failed"
left=$(cd "$stage/usr/local" && find . \( -type f -o -type l \) | sort | tr '\n' ' ')
[ "$left" = "./lib/other.txt " ] || fail "after make uninstall, left: $left"
[ ! -e "$stage/usr/local/include/nn" ] || fail "make uninstall left include/nn/"
echo "install-check: installed, built the README's example statically and dynamically" \
     "through pkg-config ($dyn), uninstalled cleanly"
