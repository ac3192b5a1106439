#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-cli.sh: pupil-cloud against `curl | jq -c`, side by side.
#
# Starts one mock cloud with 10,000 more tokens (some 1.7 MB of JSON), and
# a small server of its own giving the mock's answers as they are (the
# mock takes some 50 ms to build the list each time: not the transfer), and
# times against each, alternating in one loop so that a busy machine weighs
# on both alike, our command and what a script would do without it:
#   pupil-cloud --json tokens list   vs  curl -s URL -H 'api-key: …' | jq -c '.result[]'
#   pupil-cloud tokens list          vs  the same
#   pupil-cloud --json profile show  vs  curl -s URL -H 'api-key: …'
# and prints the medians and their ratios; the goals are those against the
# answers as they are, the mock's figures are printed after them. Output goes to /dev/null (not a
# terminal: compact JSON, as in a pipe). The sign-in is PUPIL_CLOUD_TOKEN,
# so no keyring is involved; names are read from an empty private folder.
#
# Usage: bench-cli.sh PUPIL_CLOUD MOCK [RUNS]   (RUNS also from BENCH_RUNS; default 31)
set -eu

cli=$1 mock=$2
runs=${3:-${BENCH_RUNS:-31}}

for tool in curl jq python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench-cli: $tool is missing (build-aux/install-deps.sh installs it)" >&2
    exit 77
  fi
done

work=$(mktemp -d)
mock_pid=
static_pid=
cleanup () {
  [ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null
  [ -n "$static_pid" ] && kill "$static_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$mock" --port 0 --generate-tokens "${BENCH_TOKENS:-10000}" >"$work/mock.out" 2>"$work/mock.err" &
mock_pid=$!

# Wait for the mock's banner, at most 20 seconds.
for _ in $(seq 200); do
  grep -q '^demo account' "$work/mock.out" 2>/dev/null && break
  kill -0 "$mock_pid" 2>/dev/null || break
  sleep 0.1
done
if ! grep -q '^demo account' "$work/mock.out" 2>/dev/null; then
  echo "bench-cli: the mock did not start" >&2
  cat "$work/mock.err" >&2
  exit 1
fi
url=$(head -n 1 "$work/mock.out")
token=$(sed -n 's/^demo account: .*API token \(.*\)$/\1/p' "$work/mock.out")

export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config"
export XDG_CACHE_HOME="$work/home/cache" GSETTINGS_BACKEND=memory
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
export PUPIL_CLOUD_TOKEN="$token"
unset PUPIL_CLOUD_DEBUG PUPIL_CLOUD_WORKSPACE PUPIL_CLOUD_SERVER

# The same two answers served as they are, by a small server of this
# script's own: the mock builds each answer anew (some 50 ms for 10,000
# tokens), which is not the transfer the comparison is about.
mkdir -p "$work/static/v2/auth"
curl -s "$url/auth/tokens" -H "api-key: $token" >"$work/static/v2/auth/tokens"
curl -s "$url/auth/profile" -H "api-key: $token" >"$work/static/v2/auth/profile"
python3 - "$work/static" >"$work/static.out" 2>"$work/static.err" <<'PY' &
import http.server, os, sys
root = sys.argv[1]
bodies = {}
for path in ("/v2/auth/tokens", "/v2/auth/profile"):
    with open(root + path, "rb") as f:
        bodies[path] = f.read()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = bodies.get(self.path.split("?")[0])
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("http://127.0.0.1:%d/v2" % server.server_address[1], flush=True)
server.serve_forever()
PY
static_pid=$!
for _ in $(seq 200); do
  [ -s "$work/static.out" ] && break
  sleep 0.1
done
if [ ! -s "$work/static.out" ]; then
  echo "bench-cli: the static server did not start" >&2
  cat "$work/static.err" >&2
  exit 1
fi
static=$(head -n 1 "$work/static.out")

run_json_list () { "$cli" --server "$server" --json tokens list; }
run_table_list () { "$cli" --server "$server" tokens list; }
run_json_profile () { "$cli" --server "$server" --json profile show; }
run_curl_jq () { curl -s "$server/auth/tokens" -H "api-key: $token" | jq -c '.result[]'; }
run_curl_list () { curl -s "$server/auth/tokens" -H "api-key: $token"; }
run_curl_profile () { curl -s "$server/auth/profile" -H "api-key: $token"; }

# Microseconds one call of $1 takes, with its output thrown away.
time_us () {
  local start end
  start=$EPOCHREALTIME
  "$1" >/dev/null 2>&1
  end=$EPOCHREALTIME
  echo $((10#${end/./} - 10#${start/./}))
}

# The median of the microseconds on standard input, in milliseconds.
median () {
  sort -n | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m / 1000 }'
}

# One row: what, our median, the other's, the goal; with judge=no the ratio
# is printed without a verdict (figures for comparison only).
row () {
  awk -v what="$1" -v a="$2" -v b="$3" -v goal="$4" -v judge="$judge" \
    'BEGIN { r = a / b; printf "%-34s %8.1f ms  vs %8.1f ms  %5.2fx", what, a, b, r;
             if (judge == "yes") printf "  (goal <= %s) %s", goal, (r <= goal ? "ok" : "MISSED");
             printf "\n"; exit (judge == "yes" && r > goal) }' || missed=yes
}

names=(run_json_list run_table_list run_json_profile run_curl_jq run_curl_list run_curl_profile)

# Times every command against $server, alternating, and prints the rows.
measure () {
  local f i order n
  declare -A med

  # Each must work before it is timed.
  for f in "${names[@]}"; do
    if ! "$f" >"$work/check" 2>"$work/check.err"; then
      echo "bench-cli: $f failed against $server" >&2
      cat "$work/check.err" >&2
      exit 1
    fi
  done
  n=$(run_json_list | jq length)
  echo "$1: $server, $n tokens, $(run_curl_list | wc -c) bytes of JSON, $runs runs each"

  for f in "${names[@]}"; do
    : >"$work/$f.us"
    "$f" >/dev/null 2>&1 # warm the page cache
  done
  for i in $(seq "$runs"); do
    # Alternate, and turn the order around every other round.
    if [ $((i % 2)) -eq 0 ]; then
      order=("${names[@]}")
    else
      order=(run_curl_profile run_curl_list run_curl_jq run_json_profile run_table_list run_json_list)
    fi
    for f in "${order[@]}"; do
      time_us "$f" >>"$work/$f.us"
    done
  done
  for f in "${names[@]}"; do
    med[$f]=$(median <"$work/$f.us")
  done

  echo "medians over $runs alternating runs; ours vs the other"
  row "--json tokens list vs curl|jq -c" "${med[run_json_list]}" "${med[run_curl_jq]}" 0.8
  row "tokens list (table) vs curl|jq -c" "${med[run_table_list]}" "${med[run_curl_jq]}" 0.8
  row "--json profile show vs curl" "${med[run_json_profile]}" "${med[run_curl_profile]}" 1.4
  awk -v a="${med[run_curl_list]}" 'BEGIN { printf "%-34s %8.1f ms\n", "curl alone (the transfer)", a }'
}

missed=no
server=$static judge=yes
measure "the answers as they are (the goals)"
echo
server=$url judge=no
measure "the mock, building each answer anew (for comparison: its own 50 ms or so weigh on both sides)"
if [ "$missed" = yes ]; then
  echo "GOALS MISSED"
  exit 1
fi
echo "goals met"
