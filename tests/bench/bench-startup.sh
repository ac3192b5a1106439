#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs bench-startup under one Xvfb and one private D-Bus session with a
# keyring (the app looks for a stored sign-in before it shows the login
# page), with two mock clouds: one answering at once, where nobody is
# signed in, and one answering 300 ms late, where the keyring holds the
# demo account's sign-in. Settings are kept in a key file of this run, as
# the app keeps them from one start to the next.
# Usage: bench-startup.sh DRIVER APP MINIMAL MOCK CLI SOURCE_ROOT
set -eu
driver=$1 app=$2 minimal=$3 mock=$4 cli=$5 top=$6

if [ -z "${BENCH_STARTUP_INNER:-}" ]; then
  BENCH_STARTUP_INNER=1 exec dbus-run-session -- \
    xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
    "$top/build-aux/with-keyring.sh" "$0" "$@"
fi

scratch=$(mktemp -d)
trap 'kill $(cat "$scratch"/*.pid 2>/dev/null) 2>/dev/null; rm -rf "$scratch"' EXIT

# Starts a mock with the given arguments; prints its address once it says
# it listens, or fails after 30 s.
start_mock () {
  name=$1
  shift
  "$mock" --port 0 "$@" >"$scratch/$name.out" &
  echo $! >"$scratch/$name.pid"
  tries=0
  until grep -q '^demo account' "$scratch/$name.out"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 600 ] || ! kill -0 "$(cat "$scratch/$name.pid")" 2>/dev/null; then
      echo "The mock cloud did not start" >&2
      exit 1
    fi
    sleep 0.05
  done
  head -n 1 "$scratch/$name.out"
}

server=$(start_mock quick)
slow=$(start_mock slow --latency-ms 300)
printf '%s' demo-token-Xk3p9QvL2mN8rT5wZ1yB4cD7fG0hJ6sA | "$cli" --server "$slow" login --with-token >/dev/null

export XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache" GSETTINGS_BACKEND=keyfile
export GDK_BACKEND=x11 GTK_A11Y=none
"$driver" "$app" "$minimal" "$server" "$slow"
