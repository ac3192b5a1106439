#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"

status=0
for f in $(find src -name '*.c' -o -name '*.ui' -o -name '*.desktop.in' -o -name '*.metainfo.xml.in' | sort); do
  if grep -qE '(^|[^A-Za-z0-9_])(N_|_|g_dngettext|C_|NC_)[[:space:]]*\(|translatable="yes"' "$f"; then
    if ! grep -qxF "$f" po/POTFILES.in; then
      echo "$f has translatable strings but is not in po/POTFILES.in"
      status=1
    fi
  fi
done
for f in $(grep -v '^#' po/POTFILES.in | grep -v '^$'); do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in names $f, which does not exist"
    status=1
  fi
done
[ "$status" = 0 ] && echo "po/POTFILES.in lists every file with translatable strings"
exit "$status"
