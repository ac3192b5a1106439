#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the tree against .editorconfig: UTF-8 text, no tabs in C and
# meson files, no trailing white space, a final newline, lines of at most
# 120 characters in C, and the SPDX header with the file's name on the
# first line of every C file. Then runs uncrustify (.uncrustify.cfg) over
# the .c files and fails on each it would change.
#
#   build-aux/check-style.sh [TOP]        check
#   build-aux/check-style.sh --fix [TOP]  format the .c files in place
set -eu
fix=no
if [ "${1:-}" = --fix ]; then
  fix=yes
  shift
fi
top=${1:-$(dirname "$0")/..}
cd "$top"

# The tree is formatted: the formatter's verdict fails the check (set to
# "no" to only list what it would change).
format_enforced=yes

# The C sources the formatter owns (headers keep their prototypes aligned
# by hand; see .uncrustify.cfg).
format_files () {
  find src tests -type f -name '*.c' | sort
}

if [ "$fix" = yes ]; then
  command -v uncrustify >/dev/null || { echo "uncrustify is not installed (build-aux/install-deps.sh)"; exit 1; }
  format_files | uncrustify -q --no-backup -c .uncrustify.cfg -F -
  echo "$(format_files | wc -l) files formatted"
  exit 0
fi

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

if command -v uncrustify >/dev/null; then
  # --check names each file it would change on a FAIL line of its standard
  # error (PASS lines go to its standard output), and fails if any would
  # change or if it cannot run.
  verdict=$(format_files | uncrustify -q --check -c .uncrustify.cfg -F - 2>&1 >/dev/null) && checked=0 || checked=$?
  unformatted=$(printf '%s\n' "$verdict" | sed -n 's/^FAIL: \([^ ]*\) .*/\1/p' | tr '\n' ' ')
  if [ "$checked" != 0 ] && [ -z "$unformatted" ]; then
    fail "uncrustify did not run: $(printf '%s\n' "$verdict" | head -3)"
  elif [ -n "$unformatted" ]; then
    n=$(echo "$unformatted" | wc -w)
    if [ "$format_enforced" = yes ]; then
      fail "uncrustify would change $n files (build-aux/check-style.sh --fix): $unformatted"
    else
      echo "uncrustify would change $n files (not enforced yet; build-aux/check-style.sh --fix): $unformatted"
    fi
  else
    echo "$(format_files | wc -l) files follow .uncrustify.cfg"
  fi
elif [ "$format_enforced" = yes ]; then
  fail "uncrustify is not installed (build-aux/install-deps.sh installs it): formatting not checked"
else
  echo "uncrustify is not installed: formatting not checked (build-aux/install-deps.sh)"
fi
exit "$status"
