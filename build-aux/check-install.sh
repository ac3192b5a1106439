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
    share/locale/de/LC_MESSAGES/pupil-cloud-desktop.mo
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
exit $missing
