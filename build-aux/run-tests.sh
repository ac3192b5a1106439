#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The test command: installs what is missing, builds, and runs every test
# in a private D-Bus session with a real gnome-keyring and a real X server
# (Xvfb) for the UI suite. Extra arguments go to "meson test" (for example
# --suite client).
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh

builddir=${BUILDDIR:-_build}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir"
fi
meson compile -C "$builddir"

status=0
dbus-run-session -- \
  xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
  build-aux/with-keyring.sh \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || status=$?

# One closing line over every test case, not only every test program.
log="$builddir/meson-logs/testlog.txt"
if [ -f "$log" ]; then
  passed=$(grep -c '^ok [0-9]' "$log" || true)
  failed=$(grep -c '^not ok [0-9]' "$log" || true)
  echo "test cases: $passed passed, $failed failed"
fi
exit "$status"
