#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-mutants.sh: the mutation check. Each tests/mutants/*.patch is a
# small, plausible regression of src/ (a `git diff`), with a header that
# names the tests that must catch it:
#   Mutant: what the regression breaks, in a sentence
#   Run: TEST [TEST-ARGUMENT...]     (one line or more)
# TEST is a meson test's name (meson test --list); the arguments go to the
# test program (-p /a/test/path narrows a GLib test program to its cases).
# Each mutant is applied to a scratch copy of the tree, built incrementally
# in a build folder kept between runs, and its Run lines are run in a
# private D-Bus session with an X server and a keyring. A mutant is caught
# when one of them fails; it survives when all pass. The check fails when
# a mutant survives, does not apply or does not build.
# Usage: check-mutants.sh [PATCH...]   (every mutant without arguments)
# MUTANTS_DIR: the scratch folder (default _build-mutants).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

work=${MUTANTS_DIR:-$top/_build-mutants}
tree=$work/tree
build=$work/build
logs=$work/logs
mkdir -p "$tree" "$logs"

if [ $# -eq 0 ]; then
  set -- tests/mutants/*.patch
fi

# The tree as it is now, committed or not; tar keeps the times of files
# that did not change, so that the build stays incremental.
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$tree"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$tree" >"$logs/setup.log" 2>&1 || { cat "$logs/setup.log"; exit 1; }
fi
echo "mutants: building the unchanged tree"
meson compile -C "$build" >"$logs/build.log" 2>&1 || { tail -40 "$logs/build.log"; exit 1; }

# The Run lines of one patch, each as meson test TEST --test-args 'ARGS';
# the first that fails catches the mutant (exits 1).
cat >"$work/run.sh" <<'EOF'
#!/bin/sh
build=$1
sed -n 's/^Run: *//p' "$2" | while read -r name args; do
  echo "== meson test $name $args"
  if ! meson test -C "$build" --no-rebuild --print-errorlogs "$name" --test-args "$args"; then
    echo "== caught by $name $args"
    exit 1
  fi
done
EOF
chmod +x "$work/run.sh"

start=$(date +%s)

# First without any mutant: a test that fails anyway would catch every
# mutant it names, and prove nothing.
baseline=$work/baseline.patch
for patch in "$@"; do grep '^Run: ' "$patch" || true; done | sort -u >"$baseline"
if ! dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
       "$top/build-aux/with-keyring.sh" "$work/run.sh" "$build" "$baseline" >"$logs/baseline.log" 2>&1; then
  echo "mutants: $(grep '^== caught by' "$logs/baseline.log" | sed 's/^== caught by //') fails without a mutant" \
    "(see $logs/baseline.log)"
  exit 1
fi
echo "mutants: the $(wc -l <"$baseline") tests named pass without a mutant"

caught=0
survived=0
broken=0
for patch in "$@"; do
  name=$(basename "$patch" .patch)
  log=$logs/$name.log
  what=$(sed -n 's/^Mutant: *//p' "$patch" | head -n 1)
  if ! grep -q '^Run: ' "$patch"; then
    echo "BROKEN   $name: no Run line"
    broken=$((broken + 1))
    continue
  fi
  if ! patch -d "$tree" -p1 -F0 -s --forward --dry-run <"$top/$patch" >"$log" 2>&1 ||
     ! patch -d "$tree" -p1 -F0 -s --forward --no-backup-if-mismatch <"$top/$patch" >>"$log" 2>&1; then
    echo "BROKEN   $name: does not apply (see $log)"
    broken=$((broken + 1))
    continue
  fi
  if ! meson compile -C "$build" >>"$log" 2>&1; then
    echo "BROKEN   $name: does not build (see $log)"
    broken=$((broken + 1))
  else
    # In the session of build-aux/run-tests.sh, since some are UI tests.
    if dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -noreset" \
         "$top/build-aux/with-keyring.sh" "$work/run.sh" "$build" "$top/$patch" >>"$log" 2>&1; then
      echo "SURVIVED $name: $what (see $log)"
      survived=$((survived + 1))
    else
      echo "caught   $name: $(grep '^== caught by' "$log" | head -n 1 | sed 's/^== caught by //')"
      caught=$((caught + 1))
    fi
  fi
  patch -d "$tree" -p1 -F0 -s -R --no-backup-if-mismatch <"$top/$patch" >>"$log" 2>&1 || {
    echo "mutants: could not take $name back out of $tree; remove it and run again"
    exit 1
  }
done
# The tree as it was, built, for the next run.
meson compile -C "$build" >"$logs/build.log" 2>&1 || true

echo "mutants: $caught caught, $survived survived, $broken broken ($(($(date +%s) - start)) s)"
[ "$survived" -eq 0 ] && [ "$broken" -eq 0 ]
