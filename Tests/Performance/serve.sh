#!/usr/bin/env bash
# Throughput and latency of `guideline serve` (issue 17) with wrk on loopback.
#
# Builds the release executable, starts `guideline serve` on a free port of 127.0.0.1 (no configuration: no
# keys), and runs wrk (Debian's package) against POST /v1/rulesets/spine-metastases/evaluate with a typical case
# (keep-alive): first flat out, then at a fixed rate (wrk2-style pacing is not in wrk 4, so the fixed rate is
# approximated with few connections); then a CDS Hooks service call (patient-view) whose prefetch holds 20
# resources (19 platelet Observations and a QuestionnaireResponse with the SINS items), one connection, for its
# median latency. Without a configuration no client JWT is verified (its ES384 check is not in the figure).
# wrk and the server share the machine. Prints wrk's report and the server's peak resident memory; the server
# is stopped with SIGTERM.
#
# Usage: Tests/Performance/serve.sh [SECONDS]       each run's duration (default 10, at most 120)
# Environment:
#   THREADS=2 CONNECTIONS=32   wrk's threads and connections for the flat-out run
#   SCRATCH=DIR                SwiftPM's build directory (default .build)
set -euo pipefail

seconds="${1:-10}"
case "$seconds" in
    ''|*[!0-9]*) echo "usage: $0 [SECONDS]   (default 10)" >&2; exit 64 ;;
esac
[ "$seconds" -ge 1 ] && [ "$seconds" -le 120 ] || { echo "error: SECONDS must be from 1 to 120" >&2; exit 64; }
threads="${THREADS:-2}"
connections="${CONNECTIONS:-32}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
scratch="${SCRATCH:-.build}"
command -v wrk > /dev/null || { echo "error: wrk is missing (Debian: apt-get install wrk)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/guideline-serve.XXXXXX")"
server=""
cleanup() {
    if [ -n "$server" ] && kill -0 "$server" 2> /dev/null; then kill -TERM "$server"; wait "$server" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "building the release executable (swift build -c release --scratch-path $scratch) ..." >&2
if ! swift build -c release --scratch-path "$scratch" --product guideline > "$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    exit 1
fi
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"

"$bin/guideline" serve --rules Rules/spine-metastases --port 0 2> "$work/server.log" &
server=$!
port=""
for _ in $(seq 200); do
    port="$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$work/server.log")"
    [ -n "$port" ] && break
    sleep 0.05
done
[ -n "$port" ] || { cat "$work/server.log" >&2; echo "error: the server did not start" >&2; exit 1; }

# A typical case: the spine and the neurology recorded, most else not (the result is the full JSON, about 40 kB).
cat > "$work/post.lua" << 'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"case":"bench","facts":{"spine.level":"T12","spine.pain":"mechanical","spine.bone_lesion":"lytic","spine.alignment":"normal","spine.collapse":"none","spine.posterolateral":"none","neuro.presentation":"local-back-pain","patient.life_expectancy":"8 mo","labs.platelets":"180000 /uL"}}'
LUA
url="http://127.0.0.1:$port/v1/rulesets/spine-metastases/evaluate"
status="$(curl -s -o "$work/result.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary "$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$work/post.lua")" "$url")"
[ "$status" = 200 ] || { cat "$work/result.json" >&2; echo "error: the case was answered $status" >&2; exit 1; }
echo "result: $(wc -c < "$work/result.json") bytes" >&2

echo "== flat out: $threads threads, $connections connections, ${seconds}s"
wrk --latency -t "$threads" -c "$connections" -d "${seconds}s" -s "$work/post.lua" "$url"
echo "== few connections (latency at a moderate rate): 1 thread, 4 connections, ${seconds}s"
wrk --latency -t 1 -c 4 -d "${seconds}s" -s "$work/post.lua" "$url"
# A CDS Hooks call with a 20-resource prefetch.
python3 - "$work/cds.json" << 'PY'
import json, sys
observations = [{"resourceType": "Observation", "id": f"plt-{i}", "status": "final",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "777-3"}]},
                 "effectiveDateTime": f"2026-11-{i + 1:02d}T08:00:00Z",
                 "valueQuantity": {"value": 150000 + 1000 * i, "unit": "/uL", "system": "http://unitsofmeasure.org",
                                   "code": "/uL"}} for i in range(19)]
items = {"spine.level": {"valueCoding": {"code": "T12"}}, "spine.pain": {"valueCoding": {"code": "mechanical"}},
         "spine.bone_lesion": {"valueCoding": {"code": "lytic"}}, "spine.alignment": {"valueCoding": {"code": "normal"}},
         "spine.collapse": {"valueCoding": {"code": "none"}}, "spine.posterolateral": {"valueCoding": {"code": "none"}},
         "neuro.presentation": {"valueCoding": {"code": "local-back-pain"}},
         "patient.life_expectancy": {"valueQuantity": {"value": 8, "unit": "mo", "system": "http://unitsofmeasure.org", "code": "mo"}}}
response = {"resourceType": "QuestionnaireResponse", "id": "qr-1", "status": "completed",
            "authored": "2026-11-20T09:00:00Z",
            "item": [{"linkId": k, "answer": [v]} for k, v in items.items()]}
def bundle(resources):
    return {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in resources]}
body = {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "context": {"userId": "Practitioner/bench", "patientId": "bench"},
        "prefetch": {"observation-777-3": bundle(observations), "questionnaire-responses": bundle([response])}}
json.dump(body, open(sys.argv[1], "w"))
PY
cat > "$work/cds.lua" << LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = io.open("$work/cds.json", "rb")
wrk.body = file:read("*a")
file:close()
LUA
cds="http://127.0.0.1:$port/cds-services/spine-metastases-patient-view"
status="$(curl -s -o "$work/cards.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' --data-binary "@$work/cds.json" "$cds")"
[ "$status" = 200 ] || { cat "$work/cards.json" >&2; echo "error: the CDS Hooks call was answered $status" >&2; exit 1; }
echo "cards: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["cards"]))' "$work/cards.json")" >&2
echo "== CDS Hooks call, 20-resource prefetch: 1 thread, 1 connection, ${seconds}s"
wrk --latency -t 1 -c 1 -d "${seconds}s" -s "$work/cds.lua" "$cds"
echo "server peak resident memory: $(sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$server/status")"
