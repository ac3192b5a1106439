#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a command with a private, unlocked gnome-keyring as its Secret
# Service. Call it inside dbus-run-session, so that nothing reaches the
# session of the person running it.
set -eu

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "with-keyring.sh: run me inside dbus-run-session" >&2
  exit 1
fi

scratch=$(mktemp -d)
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/home/.local/share"
export XDG_CONFIG_HOME="$scratch/home/.config" XDG_CACHE_HOME="$scratch/home/.cache"
export XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# printf, not echo: a trailing newline would become part of the password.
printf %s "keyring-for-tests" | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
keyring=$!
trap 'kill "$keyring" 2>/dev/null; rm -rf "$scratch"' EXIT INT TERM
gdbus wait --session --timeout 20 org.freedesktop.secrets

status=0
"$@" || status=$?
exit "$status"
