#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a program under valgrind as the "valgrind" test setup does: definite
# leaks and memory errors fail it. GLib's and GTK's own suppression files,
# then this project's (third-party leaks only, each saying whose).
here=$(dirname "$0")
exec valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
  --show-leak-kinds=definite --num-callers=40 \
  --suppressions=/usr/share/glib-2.0/valgrind/glib.supp \
  --suppressions=/usr/share/gtk-4.0/valgrind/gtk.supp \
  --suppressions="$here/valgrind.supp" \
  "$@"
