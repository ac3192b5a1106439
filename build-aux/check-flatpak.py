#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest (it is not built here): the GNOME runtime
whose GTK and libadwaita the app is written for, the right command, and the
permissions it needs and no more."""
import json
import sys

manifest = json.load(open(sys.argv[1]))
errors = []


def expect(condition, message):
    if not condition:
        errors.append(message)


expect(manifest.get("app-id") == "io.github.pupil_cloud.Desktop", "app-id")
# GNOME 43: GTK 4.8, libadwaita 1.2, libsoup 3.2, json-glib, libsecret.
expect(manifest.get("runtime") == "org.gnome.Platform", "runtime")
expect(manifest.get("runtime-version") == "43", "runtime-version 43 (GTK 4.8, libadwaita 1.2)")
expect(manifest.get("sdk") == "org.gnome.Sdk", "sdk")
expect(manifest.get("command") == "pupil-cloud-desktop", "command")

args = set(manifest.get("finish-args", []))
for needed in ["--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
               "--talk-name=org.freedesktop.secrets"]:
    expect(needed in args, "finish-args lacks " + needed)
# Notifications go through the portal, which needs no permission; nothing
# beyond the network, the display and the Secret Service.
for broad in ["--filesystem=home", "--filesystem=host", "--socket=session-bus", "--talk-name=org.freedesktop.Notifications"]:
    expect(broad not in args, "finish-args should not have " + broad)

modules = manifest.get("modules", [])
expect(len(modules) >= 1 and modules[-1].get("name") == "pupil-cloud-desktop", "the app is the last module")
expect(modules and modules[-1].get("buildsystem") == "meson", "built with meson")
expect(modules and "-Dtests=false" in modules[-1].get("config-opts", []), "tests off in the Flatpak build")

for error in errors:
    print("manifest: " + error)
print("manifest checked: %d problems" % len(errors))
sys.exit(1 if errors else 0)
