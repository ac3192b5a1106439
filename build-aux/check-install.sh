#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a temporary folder and checks that everything
# lands where GNOME looks for it. Usage: check-install.sh BUILDDIR
set -eu

builddir=$1
destdir=$(mktemp -d)
trap 'rm -rf "$destdir"' EXIT

meson install -C "$builddir" --destdir "$destdir" --no-rebuild --quiet

prefix=$(meson introspect "$builddir" --buildoptions |
         python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
root="$destdir$prefix"
id=io.github.pupil_cloud.Desktop
missing=0
for file in \
    bin/pupil-cloud-desktop \
    bin/pupil-cloud \
    share/applications/$id.desktop \
    share/metainfo/$id.metainfo.xml \
    share/glib-2.0/schemas/$id.gschema.xml \
    share/icons/hicolor/scalable/apps/$id.svg \
    share/icons/hicolor/symbolic/apps/$id-symbolic.svg \
    share/locale/de/LC_MESSAGES/pupil-cloud-desktop.mo \
    share/bash-completion/completions/pupil-cloud \
    share/zsh/site-functions/_pupil-cloud \
    share/fish/vendor_completions.d/pupil-cloud.fish
do
    if [ -f "$root/$file" ]; then
        echo "ok: $file"
    else
        echo "missing: $file"
        missing=1
    fi
done

# The installed launcher names the installed program and the icon.
grep -q '^Exec=pupil-cloud-desktop %U$' "$root/share/applications/$id.desktop"
grep -q "^Icon=$id\$" "$root/share/applications/$id.desktop"
# The manual pages, wherever the mandir option puts them, render without a
# warning; the installed completion loads in bash and completes a command.
mandir=$(meson introspect "$builddir" --buildoptions |
         python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "mandir"))')
case $mandir in /*) ;; *) mandir=$prefix/$mandir ;; esac
for page in pupil-cloud pupil-cloud-desktop; do
    file=$destdir$mandir/man1/$page.1
    if [ ! -f "$file" ]; then
        echo "missing: man1/$page.1"
        missing=1
        continue
    fi
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$file" 2>&1 >/dev/null)
    if [ -n "$warnings" ]; then
        echo "warnings: man1/$page.1: $warnings"
        missing=1
    else
        echo "ok: man1/$page.1"
    fi
done
if command -v bash >/dev/null; then
    words=$(bash -c '. "$1"; COMP_WORDS=(pupil-cloud prin); COMP_CWORD=1; _pupil_cloud; echo "${COMPREPLY[*]}"' \
            sh "$root/share/bash-completion/completions/pupil-cloud")
    [ "$words" = print-token ] && echo "ok: bash completes print-token" || { echo "bash completion: '$words'"; missing=1; }
fi
exit $missing
