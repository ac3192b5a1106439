#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a GTK benchmark under one Xvfb and one private D-Bus session with a
# keyring, with a mock cloud child as its server.
# Usage: bench-run.sh SOURCE_ROOT MOCK MOCK_ARGUMENTS DRIVER [ARGUMENTS...]
# The driver gets the mock's base URL as its last argument.
set -eu
top=$1 mock=$2 mock_args=$3
shift 3

if [ -z "${BENCH_RUN_INNER:-}" ]; then
  BENCH_RUN_INNER=1 exec dbus-run-session -- \
    xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
    "$top/build-aux/with-keyring.sh" "$0" "$top" "$mock" "$mock_args" "$@"
fi

out=$(mktemp)
# shellcheck disable=SC2086
"$mock" --port 0 $mock_args >"$out" &
mock_pid=$!
trap 'kill "$mock_pid" 2>/dev/null; rm -f "$out"' EXIT
# A deadline (60 s) and the mock's death end the wait: a mock that failed
# to start would otherwise hang the benchmark for ever.
waited=0
until grep -q '^identity provider' "$out"; do
  if ! kill -0 "$mock_pid" 2>/dev/null || [ "$waited" -ge 1200 ]; then
    echo "bench-run.sh: the mock did not start" >&2
    cat "$out" >&2
    exit 1
  fi
  sleep 0.05
  waited=$((waited + 1))
done

export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory
"$@" "$(head -n 1 "$out")"
