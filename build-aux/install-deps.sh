#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs, from Debian 12's archive, whatever of the build and test
# dependencies is missing. As root it runs apt-get itself; otherwise it
# prints the command to run and fails.
set -eu

packages="
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libgtk-4-dev libadwaita-1-dev
  dbus dbus-daemon gnome-keyring xvfb xauth xclip mutter wl-clipboard
  at-spi2-core python3-gi gir1.2-atspi-2.0 python3-pyatspi x11-apps
  desktop-file-utils appstream
  valgrind clang-14 libclang-rt-14-dev uncrustify
  libjq-dev jq curl scdoc bash-completion zsh fish man-db groff-base bsdutils
"

missing=""
for p in $packages; do
  if ! dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing packages:$missing" >&2
  echo "Install them with: sudo apt-get install$missing" >&2
  exit 1
fi

echo "Installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
