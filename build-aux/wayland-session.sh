#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# wayland-session.sh: runs one test program on GNOME's Wayland, in a world
# of its own: a private D-Bus session, an unlocked keyring and mutter 43
# headless (one virtual monitor, no X11). The program talks to the
# compositor with WAYLAND_DISPLAY and GDK_BACKEND=wayland, and to mutter's
# RemoteDesktop on the session bus for a keyboard. If mutter does not come
# up, this fails: a Wayland suite is never skipped into a pass.
# Usage: wayland-session.sh PROGRAM [ARGUMENT...]
set -eu

here=$(dirname "$0")
case "${WAYLAND_SESSION_STAGE:-}" in
  "")
    WAYLAND_SESSION_STAGE=keyring exec dbus-run-session -- "$0" "$@" ;;
  keyring)
    WAYLAND_SESSION_STAGE=mutter exec "$here/with-keyring.sh" "$0" "$@" ;;
esac
unset WAYLAND_SESSION_STAGE DISPLAY WAYLAND_DISPLAY

if ! command -v mutter >/dev/null; then
  echo "wayland-session.sh: mutter is not installed (build-aux/install-deps.sh installs it)" >&2
  exit 1
fi

log=${WAYLAND_SESSION_LOG:-$XDG_RUNTIME_DIR/mutter.log}
mutter --headless --wayland --no-x11 --virtual-monitor 1280x800 >"$log" 2>&1 &
mutter=$!
trap 'kill "$mutter" 2>/dev/null' EXIT INT TERM

# mutter takes its names on the bus once its Wayland socket is there.
if ! gdbus wait --session --timeout 30 org.gnome.Mutter.RemoteDesktop ||
   ! kill -0 "$mutter" 2>/dev/null || [ ! -S "$XDG_RUNTIME_DIR/wayland-0" ]; then
  echo "wayland-session.sh: mutter did not start; its log:" >&2
  cat "$log" >&2
  exit 1
fi

export WAYLAND_DISPLAY=wayland-0 GDK_BACKEND=wayland
status=0
"$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "wayland-session.sh: mutter's log:" >&2
  cat "$log" >&2
fi
exit "$status"
