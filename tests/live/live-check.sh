#!/usr/bin/env bash
# live-check.sh - the live figures (--live) and the window mode (--plot=window), tested
# the way a learner sees them: in a real terminal (tmux) and on a display (Xvfb).
#
#   tests/live/live-check.sh [BIN_DIR]        (make live-check; make test runs it too)
#
# 1. The numbers: every program with --live prints, byte for byte, what it prints
#    without it (stdout), in a terminal and in a window.
# 2. In place: in a tmux pane, a live text figure shows at least two different frames,
#    both at the top of the screen, and the screen does not scroll between them.
# 3. Ctrl-C during a live figure: the program stops with the status of SIGINT, no
#    gnuplot (nor its window) is left running, the terminal scrolls over its whole
#    height again and shows its cursor.
# 4. A window: under Xvfb, a screenshot (xwd) taken during chapter 4's live descent is
#    not blank and shows the figure's own colours; killing the window (as a window
#    manager's close does, here with xdotool) lets the program finish normally.
#
# tmux, Xvfb, xwd, xdotool and a gnuplot with the x11 terminal come from
# `tools/deps.sh live`; when they cannot be installed the check says so and stops
# with status 77 (skipped), never silently.
set -uo pipefail

BIN=${1:-build/bin}
fail=0
note() { printf '  %s\n' "$*"; }
bad() { printf '  FAIL: %s\n' "$*"; fail=1; }

if ! tools/deps.sh live >/dev/null 2>&1 || ! tools/deps.sh --check live >/dev/null 2>&1; then
  echo "live-check: SKIPPED: tmux, Xvfb, xwd, xdotool or a gnuplot with the x11 terminal"
  echo "  could not be installed (tools/deps.sh live failed); nothing was tested"
  exit 77
fi

work=$(mktemp -d)
tag="nn-live-check-$$"
# Every gnuplot this check starts runs as $work/gnuplot (through NN_GNUPLOT) with
# NN_LIVE_TAG in its environment, so its processes can be found, and only they.
ln -s "$(command -v gnuplot)" "$work/gnuplot"
export NN_GNUPLOT="$work/gnuplot" NN_LIVE_TAG=$tag
tmux_=(tmux -L "$tag" -f /dev/null)
xvfb_pid=
cleanup() {
  "${tmux_[@]}" kill-server 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  for p in $(tagged); do kill "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

# The live processes (not zombies) that carry our tag: gnuplot and its window helper.
tagged() {
  local d p
  for d in /proc/[0-9]*; do
    p=${d#/proc/}
    [ "$p" = $$ ] && continue
    grep -qs "NN_LIVE_TAG=$tag" "$d/environ" 2>/dev/null || continue
    case "$(sed -n 's/^State:\s*\(.\).*/\1/p' "$d/status" 2>/dev/null)" in Z | "") continue ;; esac
    case "$(cat "$d/comm" 2>/dev/null)" in gnuplot* ) echo "$p" ;; esac
  done
}

# The programs and the flags their live figures need (chapter 7: each solver).
runs=(
  "04-gradient-descent"
  "05-backpropagation --epochs 2000"
  "06-numpy-xor --part 2 --iterations 3000"
  "07-mlp-classifier --part 2 --solver lbfgs"
  "07-mlp-classifier --part 2 --solver sgd --max-iter 60"
  "07-mlp-classifier --part 2 --solver adam --max-iter 60"
  "08-heart-disease --max-iter 60 --folds 2"
)

# Runs "$@" in a fresh 100 x 40 tmux pane, stdout to $out, and waits for its end.
in_pane() {  # in_pane NAME OUT CMD...
  local name=$1 out=$2; shift 2
  # bash -c with a trap on INT: the pane's shell outlives a Ctrl-C and writes the
  # program's status (the program itself gets SIGINT's default action back).
  "${tmux_[@]}" new-session -d -s "$name" -x 100 -y 40 \
    "bash -c \"trap : INT; cd '$PWD' && $* > '$out' 2>'$out.err'; echo \\\$? > '$out.status'; sleep 300\""
}
wait_for() {  # wait_for FILE SECONDS
  local i
  for ((i = 0; i < $2 * 10; i++)); do [ -s "$1" ] && return 0; sleep 0.1; done
  return 1
}

echo "== live figures in a terminal: same numbers, frames drawn in place"
k=0
for r in "${runs[@]}"; do
  k=$((k + 1))
  read -r prog args <<<"$r"
  "$BIN/$prog" $args --plot dumb >"$work/plain$k" 2>/dev/null
  in_pane "run$k" "$work/live$k" "$BIN/$prog" $args --plot dumb --live
  wait_for "$work/live$k.status" 120 || bad "$prog $args --live did not finish"
  # the last frame stays at the top of the pane (stdout went to the file)
  "${tmux_[@]}" capture-pane -p -t "run$k" >"$work/last$k"
  grep -q -- '+-----' "$work/last$k" || bad "$prog $args --live: no frame in the pane"
  ! grep -q 'live figure stopped' "$work/live$k.err" ||
    bad "$prog $args --live: $(grep -m1 'live figure stopped' "$work/live$k.err")"
  if cmp -s "$work/plain$k" "$work/live$k"; then
    note "ok: $prog $args --live prints what it prints without --live"
  else
    bad "$prog $args: --live changed what it prints:"; diff "$work/plain$k" "$work/live$k" | head -5
  fi
  "${tmux_[@]}" kill-session -t "run$k" 2>/dev/null
done

# Two captures of chapter 5's pane while its loss falls (2000 epochs: 60 frames).
in_pane frames "$work/frames" "$BIN/05-backpropagation" --epochs 2000 --plot dumb --live
for i in 1 2; do
  sleep 1.5
  "${tmux_[@]}" capture-pane -p -t frames >"$work/frame$i"
  "${tmux_[@]}" display -p -t frames '#{history_size}' >"$work/history$i"
done
wait_for "$work/frames.status" 60
title1=$(grep -m1 -n 'step ' "$work/frame1"); title2=$(grep -m1 -n 'step ' "$work/frame2")
if [ -z "$title1" ] || [ -z "$title2" ]; then
  bad "no live frame in the pane:"; cat "$work/frame1"
elif cmp -s "$work/frame1" "$work/frame2"; then
  bad "the two captures show the same frame"
elif [ "${title1%%:*}" != "${title2%%:*}" ]; then
  bad "the frames are not in place: titles on rows ${title1%%:*} and ${title2%%:*}"
elif ! cmp -s "$work/history1" "$work/history2"; then
  bad "the screen scrolled between two frames (history $(cat "$work/history1") -> $(cat "$work/history2"))"
else
  note "ok: two different frames, both titled on row ${title1%%:*}, no scrolling: ${title1#*:}  /  ${title2#*:}"
fi
"${tmux_[@]}" kill-session -t frames

echo "== Ctrl-C during a live figure"
in_pane interrupt "$work/int" "$BIN/05-backpropagation" --epochs 5000 --plot dumb --live
sleep 2
[ -n "$(tagged)" ] || bad "no gnuplot was running during the live figure (the check cannot see it)"
"${tmux_[@]}" send-keys -t interrupt C-c
wait_for "$work/int.status" 10 || bad "the program did not stop on Ctrl-C"
sleep 0.5
status=$(cat "$work/int.status" 2>/dev/null)
[ "$status" = 130 ] && note "ok: exit status 130 (SIGINT)" || bad "exit status '$status' after Ctrl-C, expected 130"
left=$(tagged)
[ -z "$left" ] && note "ok: no gnuplot left" || { bad "gnuplot left running:"; ps -o pid,stat,cmd -p $left; }
region=$("${tmux_[@]}" display -p -t interrupt '#{scroll_region_upper} #{scroll_region_lower} #{cursor_flag}')
[ "$region" = "0 39 1" ] && note "ok: the terminal scrolls over all 40 rows and shows its cursor" ||
  bad "terminal not restored: scroll region and cursor '$region', expected '0 39 1'"
"${tmux_[@]}" kill-session -t interrupt

echo "== --plot=window under Xvfb"
display=
for n in $(seq 90 140); do
  [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
  Xvfb ":$n" -screen 0 1024x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  sleep 1
  if kill -0 "$xvfb_pid" 2>/dev/null; then display=":$n"; break; fi
done
if [ -z "$display" ]; then
  bad "Xvfb did not start: $(cat "$work/xvfb.log")"
else
  cc -std=c11 -O2 -o "$work/xwd-colours" tests/live/xwd-colours.c || bad "cannot build xwd-colours"
  export DISPLAY=$display
  "$BIN/04-gradient-descent" --plot none >"$work/w-plain" 2>/dev/null
  "$BIN/04-gradient-descent" --plot window --live >"$work/w-live" 2>"$work/w-live.err" &
  prog=$!
  sleep 3
  xwd -root -silent >"$work/shot.xwd"
  # the live figure's colours: the parabola, the path, the point where w is now
  "$work/xwd-colours" "$work/shot.xwd" 999999 1f4e79 c0392b >"$work/colours"
  read -r _ grey <<<"$(sed -n 1p "$work/colours")"
  read -r _ blue <<<"$(sed -n 2p "$work/colours")"
  read -r _ red <<<"$(sed -n 3p "$work/colours")"
  read -r _ distinct <<<"$(sed -n 4p "$work/colours")"
  if [ "${distinct:-0}" -lt 3 ]; then
    bad "the screenshot is blank ($distinct colours)"
  elif [ "${grey:-0}" -lt 200 ] || [ "${blue:-0}" -lt 20 ] || [ "${red:-0}" -lt 5 ]; then
    bad "the screenshot lacks the figure's colours: parabola $grey, path $blue, point $red pixels"
  else
    note "ok: the window shows the figure: $distinct colours; parabola $grey, path $blue, point $red pixels"
  fi
  # Close the live window the hard way, as a window manager's close does to a
  # helper that does not answer: the program must carry on and end normally.
  win=$(xdotool search --name "gradient descent, live" 2>/dev/null | head -1)
  [ -n "$win" ] && xdotool windowkill "$win" 2>/dev/null
  [ -n "$win" ] || bad "no window called 'gradient descent, live'"
  wait "$prog"; status=$?
  [ "$status" = 0 ] && note "ok: the window closed, the program ended with status 0" ||
    bad "status $status after the window was closed: $(head -c 300 "$work/w-live.err")"
  grep -q "the live figure stopped" "$work/w-live.err" &&
    note "ok: it said so: $(grep -m1 'the live figure stopped' "$work/w-live.err")" ||
    bad "no word that the live figure stopped: $(head -c 300 "$work/w-live.err")"
  if cmp -s "$work/w-plain" "$work/w-live"; then
    note "ok: --plot window --live prints what --plot none prints"
  else
    bad "--plot window --live printed other text:"; diff "$work/w-plain" "$work/w-live" | head -5
  fi
  unset DISPLAY
fi

[ $fail -eq 0 ] && echo "live-check: all passed" || echo "live-check: FAILED"
exit $fail
