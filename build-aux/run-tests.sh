#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The test command: installs what is missing, builds, and runs every test
# in a private D-Bus session with a real gnome-keyring and a real X server
# (Xvfb) for the UI suites. Then, unless arguments narrow it (they go to
# "meson test", for example --suite client):
#   - the client, session and command-line suites again under valgrind,
#   - a build with AddressSanitizer and UndefinedBehaviorSanitizer: those
#     suites with leak checking, the UI suites without,
#   - a clang build of the libFuzzer targets, each run for 200,000 inputs.
# QUICK=1 skips those three. MUTANTS=1 adds the mutation check
# (build-aux/check-mutants.sh, tests/mutants/README.md).
set -eu
cd "$(dirname "$0")/.."
# A test that crashes leaves a core file, whose backtrace the end of the
# run prints (build-aux/backtraces.sh).
ulimit -c unlimited 2>/dev/null || true

build-aux/install-deps.sh

builddir=${BUILDDIR:-_build}
status=0

in_session () {
  dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24 -noreset" build-aux/with-keyring.sh "$@"
}

setup () {
  dir=$1
  shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  fi
  meson compile -C "$dir"
}

# What meson prints, kept: its complaints about TAP are only there.
console=$(mktemp)
trap 'rm -f "$console"' EXIT
logged () {
  rc_file=$(mktemp)
  { "$@" 2>&1 || echo $? >"$rc_file"; } | tee -a "$console"
  rc=$(cat "$rc_file")
  rm -f "$rc_file"
  return "${rc:-0}"
}

setup "$builddir"
logged in_session meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" || status=$?
logs="$builddir/meson-logs/testlog.txt"

if [ $# -eq 0 ] && [ -z "${QUICK:-}" ]; then
  echo "== valgrind: client, session, command line"
  logged in_session meson test -C "$builddir" --setup valgrind --suite client --suite session --suite cli \
    --print-errorlogs --num-processes 2 || status=$?
  logs="$logs $builddir/meson-logs/testlog-valgrind.txt"

  echo "== AddressSanitizer and UndefinedBehaviorSanitizer"
  setup _build-asan -Db_sanitize=address,undefined -Db_lundef=false
  logged in_session meson test -C _build-asan --setup asan --suite client --suite session --suite cli \
    --print-errorlogs --num-processes 2 || status=$?
  logged in_session meson test -C _build-asan --setup asanui --suite ui --print-errorlogs --num-processes 2 || status=$?
  logs="$logs _build-asan/meson-logs/testlog-asan.txt _build-asan/meson-logs/testlog-asanui.txt"

  echo "== libFuzzer"
  CC=clang-14 setup _build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
  logged meson test -C _build-fuzz --suite fuzzing --print-errorlogs --num-processes 2 || status=$?
  runs=$(grep -c '^Done [0-9]* runs' _build-fuzz/meson-logs/testlog.txt || true)
  echo "fuzz targets: $runs ran their 200,000 inputs"
fi

# A test program writes TAP alone on standard output: anything else there
# (debug messages, a stray print) would hide a malformed line, so meson's
# complaint about it fails the run.
if grep -q 'Unknown TAP output' "$console"; then
  echo "Unknown TAP output (a test wrote something else on standard output):"
  grep -B3 'Unknown TAP output' "$console" | head -20
  status=1
fi

# The mutation check (MUTANTS=1): every mutant in tests/mutants caught by
# the tests its header names. Slow, so not in every run.
if [ -n "${MUTANTS:-}" ]; then
  echo "== mutants"
  build-aux/check-mutants.sh || status=$?
fi

build-aux/backtraces.sh "$builddir" _build-asan

# One closing line over every test case, not only every test program; a
# program that died before saying how its cases went counts as one failure.
passed=0
failed=0
for log in $logs; do
  if [ -f "$log" ]; then
    passed=$((passed + $(grep -c '^ok [0-9]' "$log" || true)))
    failed=$((failed + $(grep -c '^not ok [0-9]' "$log" || true)))
    failed=$((failed + $(grep '^result:' "$log" | grep -vc 'exit status 0' || true)))
  fi
done
echo "test cases: $passed passed, $failed failed"
exit "$status"
