#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the tree against .editorconfig: UTF-8 text, no tabs in C and
# meson files, no trailing white space, a final newline, lines of at most
# 120 characters in C, and the SPDX header with the file's name on the
# first line of every C file.
set -eu
top=${1:-$(dirname "$0")/..}
cd "$top"

status=0
fail () {
  echo "$1"
  status=1
}

files=$(find src tests build-aux data po .ci -type f \( -name '*.c' -o -name '*.h' -o -name 'meson.build' \
          -o -name '*.sh' -o -name '*.ui' -o -name '*.xml' -o -name '*.json' -o -name 'run' \) \
          -not -path 'tests/fuzz/seeds/*' | sort)
for f in $files meson.build meson_options.txt README.md; do
  if grep -nP '[ \t]+$' "$f" >/dev/null; then fail "$f: trailing white space on line(s) $(grep -nP '[ \t]+$' "$f" | cut -d: -f1 | head -3 | tr '\n' ' ')"; fi
  if [ -s "$f" ] && [ "$(tail -c 1 "$f" | od -An -c | tr -d ' ')" != '\n' ]; then fail "$f: no newline at the end"; fi
  if ! iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1; then fail "$f: not UTF-8"; fi
  case "$f" in
    *.c|*.h|*meson.build|meson_options.txt)
      if grep -nP '\t' "$f" >/dev/null; then fail "$f: tab on line(s) $(grep -nP '\t' "$f" | cut -d: -f1 | head -3 | tr '\n' ' ')"; fi
      ;;
  esac
  case "$f" in
    *.c|*.h)
      long=$(awk 'length($0) > 120 { print FNR }' "$f" | head -3 | tr '\n' ' ')
      [ -z "$long" ] || fail "$f: lines longer than 120 characters: $long"
      name=$(basename "$f")
      head -n 1 "$f" | grep -q "$name" || fail "$f: the first line should name the file"
      head -n 5 "$f" | grep -q 'SPDX-License-Identifier' || fail "$f: no SPDX header"
      ;;
  esac
done

[ "$status" = 0 ] && echo "$(echo $files | wc -w) files follow .editorconfig"
exit "$status"
