# Shared by the benchmarks under bench/: a scratch directory cleaned on exit, Musubi started on a
# data set, a logged-in session, wrk with percentiles, and recording a table in
# docs/performance.md (and, under bench/run, the figures for its plots).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

SECONDS_PER=${BENCH_SECONDS:-10}
CLIENTS=${BENCH_CLIENTS:-16}
WRK_LUA=$ROOT/bench/lua/percentiles.lua
PASSWORD=musubi-demo-2026

# Debian packages only the benchmarks need (the XMPP peer and the plots).
BENCH_PACKAGES=(prosody lua-unbound gnuplot-nox)
install_bench_packages() {
  local missing=()
  for p in "${BENCH_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "Installing Debian packages for the benchmarks: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  # The distribution's own Prosody service is not wanted: the benchmark starts its own.
  if command -v systemctl >/dev/null && systemctl is-active --quiet prosody 2>/dev/null; then as_root systemctl stop prosody || true; fi
}

# bench_init NAME: $work (removed on exit) and $pids (killed on exit).
bench_init() {
  work=$(mktemp -d "/tmp/musubi-$1-bench.XXXXXX")
  chmod 755 "$work"  # nginx and Prosody may run as unprivileged users
  pids=()
  trap bench_cleanup EXIT
}
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}

# bench_data DIR ARGS…: `musubi generate ARGS` into DIR once; later runs reuse it.
bench_data() {
  local dir=$1; shift
  if [ ! -f "$dir/musubi.db" ]; then
    step "Generating data into $dir: musubi generate $* (once; reused by later runs)"
    rm -rf "$dir"
    MUSUBI_DATA_DIR=$dir "$BUILD_DIR/musubi" generate "$@"
  fi
}

# prepare_data DATA_DIR: a copy of the data in $work/data (so that writes do not accumulate
# between runs), with the demo region on it; serve_musubi PORT then serves it on loopback and
# sets $base and $musubi_pid. start_musubi DATA_DIR PORT does both.
prepare_data() {
  step "Copying the data set"
  rm -rf "$work/data"
  if [ -d "$1" ]; then cp -r "$1" "$work/data"; else mkdir -p "$work/data"; fi
  export MUSUBI_DATA_DIR=$work/data
  export MUSUBI_SERVER_ACCESS_LOG=$work/access.log MUSUBI_SERVER_WEB_ROOT=$ROOT/web/dist
  # `demo` seeds an empty directory, and puts the demo region's plain door back on generated
  # data (the figures are for the plain listener).
  MUSUBI_TLS_LISTEN=off "$BUILD_DIR/musubi" demo --no-serve >/dev/null
}
serve_musubi() {
  step "Starting Musubi on 127.0.0.1:$1"
  export MUSUBI_LISTEN=127.0.0.1:$1
  "$BUILD_DIR/musubi" serve >"$work/musubi.out" 2>&1 &
  musubi_pid=$!
  pids+=("$musubi_pid")
  base=http://127.0.0.1:$1
  curl -s --retry 30 --retry-connrefused --retry-delay 0 -o /dev/null "$base/healthz"
}
start_musubi() {
  prepare_data "$1"
  serve_musubi "$2"
}

# bench_login LOGIN: sets $cookie and $csrf.
bench_login() {
  local answer
  answer=$(curl -s -D "$work/headers" -H 'Content-Type: application/json' -H "Origin: $base" \
    -d "{\"login_id\":\"$1\",\"password\":\"$PASSWORD\"}" "$base/api/v1/session")
  cookie=$(grep -i '^set-cookie: musubi_session=' "$work/headers" | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]+);.*/\1/')
  csrf=$(echo "$answer" | sed -E 's/.*"csrf_token":"([^"]+)".*/\1/')
  [ -n "$cookie" ] || { echo "login as $1 failed: $answer" >&2; exit 1; }
}

# run_wrk URL → "req/s p50 p95 p99 cpu_us" (ms; cpu_us: the server's CPU time, user + system
# from /proc/$musubi_pid/stat, divided by the requests wrk completed; "-" without a server pid);
# stops the benchmark on any error answer. WRK_METHOD, WRK_BODY and WRK_HEADERS ("Name: value|…")
# are read by the Lua script.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run_wrk() {
  local before="" after result
  [ -n "${musubi_pid:-}" ] && before=$(cpu_ticks "$musubi_pid")
  wrk -t2 -c"$CLIENTS" -d"${SECONDS_PER}s" -s "$WRK_LUA" "$1" >"$work/wrk.txt"
  [ -n "$before" ] && after=$(cpu_ticks "$musubi_pid")
  result=$(grep '^RESULT' "$work/wrk.txt") || { cat "$work/wrk.txt" >&2; exit 1; }
  [ "$(echo "$result" | awk '{print $6}')" = 0 ] || { cat "$work/wrk.txt" >&2; echo "errors: $result" >&2; exit 1; }
  echo "$result" | awk -v b="$before" -v a="${after:-}" -v hz="$(getconf CLK_TCK)" \
    '{ cpu = b == "" ? "-" : sprintf("%.0f", (a - b) / hz * 1e6 / $7); print $2, $3, $4, $5, cpu }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
urlq() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
}
commit() { git -C "$ROOT" rev-parse --short HEAD; }
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# bench_figure SET SCENARIO REQ_S P50 P95 P99: one line for bench/run's plots and growth table
# (only when bench/run collects them).
bench_figure() {
  [ -n "${BENCH_RESULTS:-}" ] || return 0
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$BENCH_RESULTS/figures.tsv"
}

# bench_record TABLE: printed, and appended to docs/performance.md unless BENCH_NO_RECORD is set
# (under bench/run: collected, and appended with the run's plots at its end).
bench_record() {
  echo "$1"
  if [ -n "${BENCH_RESULTS:-}" ]; then
    echo "$1" >>"$BENCH_RESULTS/tables.md"
  elif [ -z "${BENCH_NO_RECORD:-}" ]; then
    echo "$1" >>"$ROOT/docs/performance.md"
    echo "(appended to docs/performance.md)"
  fi
}

# measure SET LABEL URL: a wrk run as one row of $rows ("| label | req/s | p50 | p95 | p99 |
# CPU µs/request | ratio |"), the ratio against $baseline_rps; the first call of a benchmark (no
# baseline yet) is the baseline. The figures go to bench/run's plots under SET.
rows=""
baseline_rps=""
measure() {
  local set=$1 label=$2 url=$3 rps p50 p95 p99 cpu
  step "$label"
  read -r rps p50 p95 p99 cpu < <(run_wrk "$url")
  echo "$rps req/s, p50 $p50 ms, p95 $p95 ms, p99 $p99 ms, server CPU $cpu µs/request"
  [ -n "$baseline_rps" ] || baseline_rps=$rps
  rows+="| $label | $rps | $p50 | $p95 | $p99 | $cpu | $(ratio "$rps" "$baseline_rps") |"$'\n'
  bench_figure "$set" "$label" "$rps" "$p50" "$p95" "$p99"
  last_rps=$rps last_p95=$p95 last_p99=$p99 last_cpu=$cpu
}

# live_teams FILE: {"team id": [10 generated logins]} for bench/live.mjs: 10 teams of at least
# 10 generated members, chosen so that no connected member is on two of them — each delivery is
# then one member receiving their own team's post, the same work as one occupant of one room in
# bench/peer.
live_teams() {
  sqlite3 -separator ' ' "$work/data/musubi.db" "SELECT m.board_id, u.login_id FROM board_members m
    JOIN users u ON u.id = m.user_id WHERE u.login_id LIKE 'gen.%' ORDER BY m.board_id, u.login_id" |
    python3 -c '
import collections, json, sys
teams, teams_of = collections.defaultdict(list), collections.defaultdict(set)
for line in sys.stdin:
    team, login = line.split()
    teams[team].append(login)
    teams_of[login].add(team)
chosen, connected = {}, set()
for team, members in teams.items():
    if len(chosen) == 10:
        break
    if connected & set(members):
        continue  # a connected member of another chosen team would also get the posts of this one
    pick = [m for m in members if not teams_of[m] & set(chosen)][:10]
    if len(pick) == 10:
        chosen[team] = pick
        connected |= set(pick)
if len(chosen) < 10:
    sys.exit("not enough teams of 10 members apart from each other in this data set")
json.dump(chosen, sys.stdout)
' >"$1"
}
