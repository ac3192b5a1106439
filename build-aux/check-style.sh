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
# Each check reads every file in one pass (a process a file each took some
# 15 s, and twice that on a loaded machine).
all="$files meson.build meson_options.txt README.md"
c_files=$(printf '%s\n' $all | grep -E '\.[ch]$' || true)
tab_files=$(printf '%s\n' $all | grep -E '\.[ch]$|meson\.build$|^meson_options\.txt$' || true)
# FILE: what LINES (at most three of them), for "grep -n"'s FILE:LINE:… lines
by_file () {
  awk -F: -v what="$1" '{ if ($1 != f) { if (f != "") print f ": " what " " l; f = $1; l = ""; n = 0 }
                          if (n++ < 3) l = l $2 " " }
                        END { if (f != "") print f ": " what " " l }'
}
report () {
  if [ -n "$1" ]; then
    echo "$1"
    status=1
  fi
}
report "$(grep -nP '[ \t]+$' $all | by_file 'trailing white space on line(s)')"
for f in $all; do
  if [ -s "$f" ] && [ -n "$(tail -c 1 "$f")" ]; then fail "$f: no newline at the end"; fi
done
report "$(LC_ALL=C.UTF-8 grep -naxv '.*' $all | cut -d: -f1 | sort -u | sed 's/$/: not UTF-8/')"
report "$(grep -nP '\t' $tab_files | by_file 'tab on line(s)')"
report "$(awk 'length($0) > 120 { print FILENAME ":" FNR }' $c_files | by_file 'lines longer than 120 characters:')"
report "$(awk 'FNR == 1 { n = split(FILENAME, part, "/"); if (index($0, part[n]) == 0) print FILENAME ": the first line should name the file" }
               FNR <= 5 && /SPDX-License-Identifier/ { spdx[FILENAME] = 1 }
               FNR == 1 { seen[++count] = FILENAME }
               END { for (i = 1; i <= count; i++) if (!(seen[i] in spdx)) print seen[i] ": no SPDX header" }' $c_files)"

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
