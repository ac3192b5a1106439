#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs bench-startup under one Xvfb and one private D-Bus session with a
# keyring (the app looks for a stored sign-in before it shows the login
# page), with the mock cloud as the app's server.
# Usage: bench-startup.sh DRIVER APP MINIMAL MOCK SOURCE_ROOT
set -eu
driver=$1 app=$2 minimal=$3 mock=$4 top=$5

if [ -z "${BENCH_STARTUP_INNER:-}" ]; then
  BENCH_STARTUP_INNER=1 exec dbus-run-session -- \
    xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
    "$top/build-aux/with-keyring.sh" "$0" "$@"
fi

out=$(mktemp)
"$mock" --port 0 >"$out" &
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null; rm -f "$out"' EXIT
# A deadline (60 s) and the mock's death end the wait: a mock that failed
# to start would otherwise hang the benchmark for ever.
waited=0
until grep -q '^demo account' "$out"; do
  if ! kill -0 "$mock_pid" 2>/dev/null || [ "$waited" -ge 1200 ]; then
    echo "bench-startup.sh: the mock did not start" >&2
    cat "$out" >&2
    exit 1
  fi
  sleep 0.05
  waited=$((waited + 1))
done

export PUPIL_CLOUD_DESKTOP_BENCH=1 GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory
"$driver" "$app" "$(head -n 1 "$out")" "$minimal"
