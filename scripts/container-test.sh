#!/usr/bin/env bash
# Builds the project's Dockerfile with podman and checks the image the way a
# user runs it in CI: the documented example answers as documented, the
# HEALTHCHECK reports healthy, it runs as uid 1000, a mounted scenarios folder
# works, it runs read-only, SIGTERM during a request exits 0, and the runtime
# image holds no dev dependency and no test or bench file.
#
# No image registry is reachable where this runs, so the base image is a
# stand-in assembled from this machine's own node and npm (see
# scripts/container-base.sh). The Dockerfile's default base stays the official
# Node image; the stand-in is only a test device.
#
# Where podman cannot run, this says why: it fails when CI=true and skips
# (exit 0) otherwise. Everything it creates is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
say() { printf 'container-test: %s\n' "$*"; }
cannot_run() {
  if [ "${CI:-}" = true ]; then
    say "FAILED: cannot run podman here: $*" >&2
    exit 1
  fi
  say "SKIPPED: cannot run podman here: $* (with CI=true this is a failure)" >&2
  exit 0
}
failures=0
check() { # check NAME COMMAND...: runs one check, reports it, counts failures
  local name=$1
  shift
  if "$@"; then
    say "ok   $name"
  else
    say "FAIL $name" >&2
    failures=$((failures + 1))
  fi
}

# ---- what it needs ----------------------------------------------------------
[ "$(uname -s)" = Linux ] || cannot_run "podman needs Linux (this is $(uname -s))"
[ "$(id -u)" = 0 ] || cannot_run "needs root to install podman and run it rootful (uid is $(id -u))"
missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
command -v busybox >/dev/null || missing+=(busybox-static)
command -v curl >/dev/null || missing+=(curl)
command -v ss >/dev/null || missing+=(iproute2)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || cannot_run "missing ${missing[*]} and no apt-get to install them"
  say "installing ${missing[*]} (apt-get)"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
    >/tmp/container-test-apt.log 2>&1 || cannot_run "apt-get install ${missing[*]} failed (log: /tmp/container-test-apt.log)"
fi
[ -d node_modules/typescript ] || cannot_run "run npm ci first (the checks read the documented examples from src/providers/omnitron/documented.ts with typescript)"

work=$(mktemp -d /tmp/container-test.XXXXXX)
id=$$
base=localhost/ocm-test-base:$id
image=localhost/ocm-test:$id
containers=()

# The sandbox refuses raising RLIMIT_NOFILE (default_ulimits), has no systemd
# (cgroupfs, file events and logs), and crun refuses its hybrid cgroup layout.
cat >"$work/containers.conf" <<'EOF'
[containers]
default_ulimits = []
log_driver = "k8s-file"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
EOF
export CONTAINERS_CONF=$work/containers.conf
pm() { podman --cgroup-manager=cgroupfs --runtime runc "$@"; }

cleanup() {
  local c
  for c in "${containers[@]+"${containers[@]}"}"; do pm rm -f -t 0 "$c" >/dev/null 2>&1 || true; done
  pm rmi -f "$image" "$base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pm info >/dev/null 2>"$work/info.err" || cannot_run "podman info failed: $(tail -1 "$work/info.err")"

# ---- the stand-in base, then the real Dockerfile ---------------------------
say "assembling the stand-in base from this machine's node $(node -v) (official base: node:24-bookworm-slim)"
bash scripts/container-base.sh "$work/rootfs"
tar --numeric-owner -C "$work/rootfs" -cf - . |
  pm import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["node"]' - "$base" >"$work/import.log" 2>&1

say "building the Dockerfile (podman build --format docker)"
build_started=$(date +%s)
# --format docker: the OCI format has no HEALTHCHECK. --layers=false: no
# intermediate images left behind. --jobs 2: both stages' npm ci at once.
pm build --network host --format docker --layers=false --jobs 2 --build-arg "NODE_IMAGE=$base" -t "$image" . \
  >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; say "FAILED: podman build" >&2; exit 1; }
build_seconds=$(($(date +%s) - build_started))
say "built in ${build_seconds}s"

# ---- run it as a user would ------------------------------------------------
# The host network (the sandbox has no container networking); each container
# listens on its own free loopback port.
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
start() { # start NAME PORT [podman run options...]
  local name=ocm-test-$id-$1 port=$2
  shift 2
  containers+=("$name")
  # podman's stderr goes to a log: without systemd it complains on every
  # start and stop that it cannot add a timer for the HEALTHCHECK; the
  # checks run it themselves (podman healthcheck run).
  # --timeout: should this script be killed before its clean-up, no
  # container outlives it by more than ten minutes.
  pm run -d --timeout 600 --name "$name" --network host -e HOST=127.0.0.1 -e "PORT=$port" "$@" "$image" >/dev/null 2>>"$work/podman.log"
}
healthy() { # healthy NAME: waits (at most ~30 s) for the image's own HEALTHCHECK to pass
  local i
  for i in $(seq 1 60); do
    pm healthcheck run "ocm-test-$id-$1" >/dev/null 2>&1 && return 0
    [ "$(pm inspect --format '{{.State.Running}}' "ocm-test-$id-$1")" = true ] || break
    sleep 0.5
  done
  pm logs "ocm-test-$id-$1" 2>&1 | tail -5 >&2
  return 1
}

# A scenarios folder of the user's own: one scenario on top of the bundled default.
mkdir -p "$work/scenarios"
cat >"$work/scenarios/ci.yaml" <<'YAML'
description: The default fixtures, with order 12345 already handed to the carrier.
extends: default
providers:
  omnitron:
    orders:
      - { pk: 12345, tracking_number: CI-TRACK-0001 }
YAML
chmod 755 "$work" "$work/scenarios"
chmod 644 "$work/scenarios/ci.yaml"

plain_port=$(free_port)
start plain "$plain_port"
readonly_port=$(free_port)
start readonly "$readonly_port" --read-only --read-only-tmpfs=false --tmpfs /tmp
mounted_port=$(free_port)
start mounted "$mounted_port" -v "$work/scenarios:/scenarios:ro"

check "HEALTHCHECK reports healthy (podman healthcheck run)" healthy plain

check "the documented Omnitron examples answer exactly as documented" \
  node scripts/documented-examples.mjs "http://127.0.0.1:$plain_port"

server_uid() { pm exec "ocm-test-$id-plain" node -p "/^Uid:\s+(\d+)/m.exec(require('fs').readFileSync('/proc/1/status','utf8'))[1]"; }
check "the server runs as uid 1000 (node), not root" test "$(server_uid)" = 1000

read_only_works() {
  healthy readonly && node scripts/documented-examples.mjs "http://127.0.0.1:$readonly_port"
}
check "--read-only with a tmpfs /tmp: starts, healthy, serves writes" read_only_works

mounted_scenario_works() {
  healthy mounted || return 1
  local body
  body=$(curl -sS --max-time 5 -H 'Authorization: Token omnitron-test-token' -H 'X-Mock-Scenario: ci' \
    "http://127.0.0.1:$mounted_port/omnitron/api/v1/orders/12345/")
  # The mounted file's change, on top of the default's documented order.
  node -e "const o=JSON.parse(process.argv[1]);process.exit(o.tracking_number==='CI-TRACK-0001'&&o.number==='2792097964712363'?0:1)" "$body" ||
    { echo "  got: ${body:0:300}" >&2; return 1; }
}
check "a mounted scenarios folder: a scenario that extends: default" mounted_scenario_works

no_dev_files() {
  # The devDependencies (and msw, a peer) must not be installed; /app holds only what runs.
  local dev
  dev=$(node -p "[...new Set([...Object.keys(require('./package.json').devDependencies), 'msw'])].join(' ')")
  pm exec "ocm-test-$id-plain" node -e '
    const fs = require("fs"), path = require("path")
    const bad = process.argv.slice(1).filter((d) => fs.existsSync("/app/node_modules/" + d))
    const top = fs.readdirSync("/app").sort().join(" ")
    if (top !== "console dist node_modules openapi package-lock.json package.json") bad.push("/app holds: " + top)
    const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)])
    for (const f of [...walk("/app/dist"), ...walk("/scenarios")])
      if (/[.](test|spec|bench)[.]|(^|\/)(test|tests|bench|fixtures)\//.test(f)) bad.push(f)
    if (bad.length) { console.error("  found: " + bad.join(", ")); process.exit(1) }
  ' $dev
}
check "no dev dependency, test or bench file in the runtime image" no_dev_files

# Last: SIGTERM (podman stop) while a delayed request is in flight. The
# server finishes the request, then exits 0, well within the 10 s grace.
sigterm_drains() {
  local c=ocm-test-$id-plain code status stop_ms i
  curl -sS -o /dev/null -w '%{http_code}' --max-time 15 -H 'Authorization: Token omnitron-test-token' \
    -H 'X-Mock-Delay: 2000' "http://127.0.0.1:$plain_port/omnitron/api/v1/orders/12345/" >"$work/inflight" 2>&1 &
  local curl_pid=$!
  local open=false
  for i in $(seq 1 50); do # until the request's connection is open, so SIGTERM finds it in flight
    if [ -n "$(ss -Htn state established "( sport = :$plain_port )")" ]; then open=true && break; fi
    sleep 0.1
  done
  [ "$open" = true ] || { echo "  the delayed request never reached the server" >&2; return 1; }
  sleep 0.5 # for the request to follow its connection; 1.5 s of its 2 s delay remain
  local t0
  t0=$(date +%s%N)
  pm stop -t 10 "$c" >/dev/null 2>>"$work/podman.log"
  stop_ms=$((($(date +%s%N) - t0) / 1000000))
  wait "$curl_pid" || true
  status=$(cat "$work/inflight")
  code=$(pm inspect --format '{{.State.ExitCode}}' "$c")
  say "     podman stop took ${stop_ms} ms; exit code $code; the in-flight request got $status"
  [ "$code" = 0 ] && [ "$status" = 200 ] && [ "$stop_ms" -lt 10000 ]
}
check "SIGTERM during a request in flight: the request finishes, exit 0 within the grace period" sigterm_drains

# ---- size ------------------------------------------------------------------
image_bytes=$(pm image inspect --format '{{.Size}}' "$image")
base_bytes=$(pm image inspect --format '{{.Size}}' "$base")
say "image size above its base: $(((image_bytes - base_bytes) / 1000000)) MB ($(((image_bytes - base_bytes) / 1000)) kB; stand-in base $((base_bytes / 1000000)) MB); of which:"
pm run --rm --network none "$image" node -e '
  const fs = require("fs"), path = require("path")
  const bytes = (p) => { const s = fs.lstatSync(p); return s.isDirectory() ? fs.readdirSync(p).reduce((n, e) => n + bytes(path.join(p, e)), 0) : s.size }
  for (const p of ["/app/node_modules", "/app/dist", "/app/package-lock.json", "/scenarios"])
    console.log("container-test:      " + (bytes(p) / 1e6).toFixed(2).padStart(6) + " MB " + p)
' 2>/dev/null

say "$failures failed; took $(($(date +%s) - started))s"
[ "$failures" = 0 ]
