#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The demo command: installs what is missing, builds, starts the mock
# cloud on this computer and shows the command line working against it.
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
echo "The mock Pupil Cloud is running at $server"
sed -n '2,$p' "$out"
echo

cli="$builddir/src/cli/pupil-cloud"
export PUPIL_CLOUD_SERVER="$server"
token=$(sed -n 's/.*API token \(.*\)$/\1/p' "$out")

echo "\$ PUPIL_CLOUD_TOKEN=… pupil-cloud status"
PUPIL_CLOUD_TOKEN="$token" "$cli" status
echo
echo "\$ PUPIL_CLOUD_TOKEN=… pupil-cloud tokens list"
PUPIL_CLOUD_TOKEN="$token" "$cli" tokens list
echo
echo "\$ PUPIL_CLOUD_TOKEN=… pupil-cloud invites list"
PUPIL_CLOUD_TOKEN="$token" "$cli" invites list

if [ -t 0 ]; then
  echo
  echo "Try it yourself in another terminal:"
  echo "  export PUPIL_CLOUD_SERVER=$server"
  echo "  echo $token | $cli login --with-token"
  echo "  $cli tokens create 'my script'"
  echo "Press Ctrl+C to stop the mock cloud."
  wait "$mock"
fi
