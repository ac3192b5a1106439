#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The demo command: installs what is missing, builds, starts the mock cloud
# on this computer and opens the desktop app on it. Without a display it
# shows the command line working against the mock instead.
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh

builddir=${BUILDDIR:-_build}
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir"
fi
meson compile -C "$builddir"

out=$(mktemp)
"$builddir/tests/mock/pupil-cloud-mock" --port "${PORT:-0}" >"$out" &
mock=$!
trap 'kill "$mock" 2>/dev/null; rm -f "$out"' EXIT INT TERM
until grep -q '^demo account' "$out" 2>/dev/null; do
  kill -0 "$mock" 2>/dev/null || { cat "$out"; exit 1; }
  sleep 0.1
done

server=$(head -n 1 "$out")
idp=$(sed -n 's/^identity provider: \([^ ]*\) (key \(.*\))$/\1/p' "$out")
idp_key=$(sed -n 's/^identity provider: \([^ ]*\) (key \(.*\))$/\2/p' "$out")
token=$(sed -n 's/.*API token \(.*\)$/\1/p' "$out")

cat <<INFO
The mock Pupil Cloud is running at $server
  Sign in with email:  demo@pupil-cloud.test   password: demo-password
  or with an API token: $token
  (choose "Other Server" with $server on the login page;
   an expired token to try: demo-token-Expired0000000000000000000000000)

INFO

app="$builddir/src/app/pupil-cloud-desktop"
cli="$builddir/src/cli/pupil-cloud"
export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${DEMO_HEADLESS:-}" ]; then
  echo "Opening Pupil Cloud Desktop; close its window to stop the demo."
  if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    "$app" --server "$server" --idp-url "$idp" --idp-key "$idp_key"
  else
    # No session bus (a root shell, say): a private one, with a keyring.
    dbus-run-session -- build-aux/with-keyring.sh \
      "$app" --server "$server" --idp-url "$idp" --idp-key "$idp_key"
  fi
  exit 0
fi

echo "No display to open the desktop app on; here is the command line against the mock instead."
export PUPIL_CLOUD_SERVER="$server"
for command in "status" "tokens list" "invites list"; do
  echo
  echo "\$ PUPIL_CLOUD_TOKEN=… pupil-cloud $command"
  # shellcheck disable=SC2086
  PUPIL_CLOUD_TOKEN="$token" "$cli" $command
done

if [ -t 0 ]; then
  echo
  echo "Try it yourself in another terminal:"
  echo "  export PUPIL_CLOUD_SERVER=$server"
  echo "  echo $token | $cli login --with-token"
  echo "  $cli tokens create 'my script'"
  echo "Press Ctrl+C to stop the mock cloud."
  wait "$mock"
fi
