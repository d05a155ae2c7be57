#!/usr/bin/env bash
# deps.sh - make sure the tools the build needs are here, and install what is missing.
#
#   tools/deps.sh [--check] [GROUP...]
#
# GROUPs: build (the default: C compiler, pkg-config, Criterion, gnuplot, pandoc, the
# book's maths font, and optionally the file watchers used by `make watch` and the
# locale sources that a test of lib/data needs), browser (Chromium and Node.js, for
# the book check), epub (epubcheck, which the book check runs on the EPUB), python
# (numpy and scikit-learn, only to regenerate fixtures and for benchmarks), fuzz (clang
# and libFuzzer, for `make fuzz`), memcheck (valgrind, for `make memcheck`), lint
# (cppcheck, clang-tidy and clang, for `make lint`), live (tmux, Xvfb, xwd, xdotool and
# a gnuplot with the x11 terminal, for the test of the live figures and the window).
#
# gnuplot: on a machine with a display (DISPLAY or WAYLAND_DISPLAY set) the build group
# wants a gnuplot with a window terminal, for --plot=window and --live: Debian's
# gnuplot-qt (the qt terminal, native on X11 and Wayland; what Debian's own `gnuplot`
# package picks first). Elsewhere (servers, CI) the headless gnuplot-nox is enough: it
# draws the book's SVGs and the text figures, and pulls in no GUI toolkit. The live
# group asks for gnuplot-x11 (which replaces gnuplot-nox) only when the gnuplot present
# has no x11 terminal: its plain X11 windows are what the test screenshots under Xvfb.
#
# With --check it only reports, and exits 1 if something required is missing. Otherwise
# it installs the missing Debian packages with apt-get (as root) or sudo apt-get, and on
# other systems prints the package names for brew and dnf. It is quiet when nothing is
# missing, so the Makefile can run it on every build.
set -euo pipefail

check_only=0
groups=()
for arg in "$@"; do
  case "$arg" in
    --check) check_only=1 ;;
    build|browser|epub|python|fuzz|memcheck|lint|live) groups+=("$arg") ;;
    *) echo "deps.sh: unknown argument '$arg' (expected --check, build, browser, epub, python, fuzz, memcheck, lint or live)" >&2; exit 2 ;;
  esac
done
[ ${#groups[@]} -gt 0 ] || groups=(build)

missing=()      # Debian packages to install
optional=()     # nice to have: a failed install is a warning, not an error
brew=()         # names for people on macOS
dnf=()          # names for people on Fedora

need() {  # need DEBIAN BREW DNF -- test command...
  local deb=$1 b=$2 d=$3
  shift 4
  if ! "$@" >/dev/null 2>&1; then
    missing+=("$deb"); brew+=("$b"); dnf+=("$d")
  fi
}
want() {  # like need, for optional tools
  local deb=$1
  shift 2
  "$@" >/dev/null 2>&1 || optional+=("$deb")
}

# Does gnuplot have one of these terminals (e.g. "qt x11 wxt")?
gnuplot_has() {
  command -v gnuplot >/dev/null 2>&1 || return 1
  local list t
  list=" $(gnuplot -d -e 'set print "-"; print GPVAL_TERMINALS' 2>/dev/null) "
  for t in "$@"; do
    case "$list" in *" $t "*) return 0 ;; esac
  done
  return 1
}
has_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }

# Can clang link a libFuzzer target? (The runtime is a separate package on Debian.)
fuzzer_links() {
  local dir
  dir=$(mktemp -d) || return 1
  printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; return (int)(n & 0); }' \
    >"$dir/t.c"
  clang -fsanitize=fuzzer "$dir/t.c" -o "$dir/t" >/dev/null 2>&1
  local status=$?
  rm -rf "$dir"
  return $status
}

for g in "${groups[@]}"; do
  case "$g" in
    build)
      need build-essential gcc gcc -- command -v cc
      need make make make -- command -v make
      need pkg-config pkg-config pkgconf-pkg-config -- command -v pkg-config
      need libcriterion-dev criterion criterion-devel -- pkg-config --exists criterion
      if has_display; then  # a window terminal for --plot=window (see the top)
        need gnuplot-qt gnuplot gnuplot -- gnuplot_has qt x11 wxt
      else
        need gnuplot-nox gnuplot gnuplot -- command -v gnuplot
      fi
      need pandoc pandoc pandoc -- command -v pandoc
      # The book's maths font (an OpenType MATH table, so brackets stretch).
      need fonts-texgyre-math texlive texlive-tex-gyre-math -- test -e /usr/share/texmf/fonts/opentype/public/tex-gyre-math/texgyredejavu-math.otf
      # A locale with a decimal comma for tests/lib/data.c (it compiles de_DE.UTF-8
      # from these sources itself when none is installed).
      want locales -- bash -c 'locale -a 2>/dev/null | grep -qiE "^de_DE\.utf-?8$" || test -e /usr/share/i18n/locales/de_DE'
      want inotify-tools -- command -v inotifywait
      want entr -- command -v entr
      ;;
    browser)
      need chromium chromium chromium -- bash -c 'command -v chromium || command -v chromium-browser'
      need nodejs node nodejs -- command -v node
      need npm npm npm -- command -v npm
      ;;
    epub)
      # The EPUB validator (it brings a Java runtime with it).
      need epubcheck epubcheck epubcheck -- command -v epubcheck
      ;;
    fuzz)
      need clang llvm clang -- command -v clang
      # libFuzzer's runtime; Debian 12 ships it in libclang-rt-14-dev.
      need libclang-rt-14-dev llvm compiler-rt -- fuzzer_links
      ;;
    memcheck)
      need valgrind valgrind valgrind -- command -v valgrind
      ;;
    lint)
      need clang llvm clang -- command -v clang
      need clang-tidy llvm clang-tools-extra -- command -v clang-tidy
      need cppcheck cppcheck cppcheck -- command -v cppcheck
      ;;
    live)
      need tmux tmux tmux -- command -v tmux
      need xvfb xorg-server xorg-x11-server-Xvfb -- command -v Xvfb
      need x11-apps xwd xwd -- command -v xwd
      need xdotool xdotool xdotool -- command -v xdotool
      need gnuplot-x11 gnuplot gnuplot -- gnuplot_has x11
      ;;
    python)
      need python3-numpy numpy python3-numpy -- /usr/bin/python3 -c 'import numpy'
      need python3-sklearn scikit-learn python3-scikit-learn -- /usr/bin/python3 -c 'import sklearn'
      ;;
  esac
done

if [ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ]; then
  exit 0
fi
if [ $check_only -eq 1 ]; then
  [ ${#missing[@]} -eq 0 ] && exit 0
  echo "missing: ${missing[*]}" >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  [ ${#missing[@]} -eq 0 ] && exit 0
  echo "This build needs: ${missing[*]} (Debian names)." >&2
  echo "  macOS:  brew install ${brew[*]}" >&2
  echo "  Fedora: sudo dnf install ${dnf[*]}" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  apt=(apt-get)
elif command -v sudo >/dev/null 2>&1; then
  apt=(sudo apt-get)
else
  echo "deps.sh: need root or sudo to install: ${missing[*]} ${optional[*]}" >&2
  [ ${#missing[@]} -eq 0 ] && exit 0
  exit 1
fi

echo "Installing missing packages: ${missing[*]} ${optional[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A stale package list is the usual reason an install fails on a fresh machine.
"${apt[@]}" update -qq >&2 || true
if [ ${#missing[@]} -gt 0 ]; then
  "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
for pkg in "${optional[@]}"; do
  "${apt[@]}" install -y -qq --no-install-recommends "$pkg" >&2 ||
    echo "deps.sh: optional package $pkg could not be installed; carrying on" >&2
done
