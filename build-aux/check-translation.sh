#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a translation misses a string the sources have: extracts the
# strings as the build does (the glib preset) and compares with msgcmp.
# Usage: check-translation.sh SOURCE_ROOT LANGUAGE
set -eu
root=$1
lang=$2
pot=$(mktemp --suffix=.pot)
trap 'rm -f "$pot"' EXIT

cd "$root"
grep -v '^#' po/POTFILES.in | grep . > "$pot.files"
xgettext --files-from="$pot.files" --directory=. --from-code=UTF-8 --output="$pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
rm -f "$pot.files"
msgcmp "po/$lang.po" "$pot"
echo "po/$lang.po translates every string of the sources"
