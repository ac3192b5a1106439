#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# isolated.sh: runs one test program in a world of its own, a private D-Bus
# session, X server and unlocked keyring, so that test programs run side by
# side never share a clipboard, a unique application's name or a keyring.
# Usage: isolated.sh PROGRAM [ARGUMENT...]
set -eu

if [ -z "${ISOLATED_INSIDE:-}" ]; then
  ISOLATED_INSIDE=1 exec dbus-run-session -- "$0" "$@"
fi
unset ISOLATED_INSIDE

scratch=$(mktemp -d)
mkfifo "$scratch/display"
# -displayfd: the server picks a free display itself and says which, so
# that two of these starting at once cannot take the same one.
Xvfb -displayfd 3 -screen 0 1280x800x24 -noreset -nolisten tcp 3>"$scratch/display" >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; rm -rf "$scratch"' EXIT INT TERM
read -r number <"$scratch/display"
export DISPLAY=":$number"

status=0
"$(dirname "$0")/with-keyring.sh" "$@" || status=$?
exit "$status"
