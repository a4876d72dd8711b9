#!/usr/bin/env bash
# Batch throughput of the `guideline` executable (issue "Performance").
#
# Builds release binaries, generates N seeded random cases in the bundled guideline's vocabulary with
# `guideline-bench --generate`, evaluates them with `guideline evaluate --format jsonl` under
# `/usr/bin/time -v`, and prints cases per second and the peak resident memory.
#
# Usage: Tests/Performance/batch.sh [N]            N cases (default 100000)
# Environment:
#   SEED=7           the case generator's seed
#   RULES=DIR        the ruleset (default Rules/spine-metastases)
#   SCRATCH=DIR      SwiftPM's build directory (default .build)
#   KEEP=1           keep the cases and results (their directory is printed)
set -euo pipefail

count="${1:-100000}"
seed="${SEED:-7}"
case "$count" in
    ''|*[!0-9]*) echo "usage: $0 [N]   (N: number of cases, default 100000)" >&2; exit 64 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
rules="${RULES:-Rules/spine-metastases}"
scratch="${SCRATCH:-.build}"

if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
        echo "installing GNU time (apt package 'time') ..." >&2
        apt-get install -y time > /dev/null 2>&1 || { apt-get update > /dev/null 2>&1 && apt-get install -y time > /dev/null 2>&1; }
    fi
    [ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing: install GNU time (Debian: apt-get install time)" >&2; exit 1; }
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/guideline-batch.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
    echo "keeping cases and results in $work" >&2
else
    trap 'rm -rf "$work"' EXIT
fi

echo "building release binaries (swift build -c release --scratch-path $scratch) ..." >&2
for product in guideline guideline-bench; do
    if ! swift build -c release --scratch-path "$scratch" --product "$product" > "$work/build.log" 2>&1; then
        cat "$work/build.log" >&2
        exit 1
    fi
done
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"

echo "generating $count cases (seed $seed) ..." >&2
"$bin/guideline-bench" --rules "$rules" --generate "$count" --seed "$seed" > "$work/cases.jsonl"

echo "evaluating ..." >&2
status=0
/usr/bin/time -v -o "$work/time.txt" "$bin/guideline" evaluate --rules "$rules" --format jsonl "$work/cases.jsonl" \
    > "$work/results.jsonl" 2> "$work/stderr.txt" || status=$?
if [ "$status" -ne 0 ]; then
    echo "error: guideline evaluate exited with $status" >&2
    head -n 20 "$work/stderr.txt" >&2
    exit 1
fi
# One line per case, after any header lines the batch format has (it may gain some): fewer is an error.
results="$(wc -l < "$work/results.jsonl" | tr -d ' ')"
if [ "$results" -lt "$count" ]; then
    echo "error: $results result lines for $count cases" >&2
    exit 1
fi

# GNU time writes the elapsed time as h:mm:ss or m:ss.ss, and the peak resident set in kilobytes.
seconds="$(awk -F': ' '/Elapsed \(wall clock\) time/ {
    n = split($2, part, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + part[i]
    print s }' "$work/time.txt")"
user="$(awk -F': ' '/User time \(seconds\)/ {print $2}' "$work/time.txt")"
system="$(awk -F': ' '/System time \(seconds\)/ {print $2}' "$work/time.txt")"
peak_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")"
bytes="$(wc -c < "$work/results.jsonl" | tr -d ' ')"

awk -v n="$count" -v s="$seconds" -v u="$user" -v y="$system" -v kb="$peak_kb" -v b="$bytes" -v r="$rules" -v seed="$seed" 'BEGIN {
    printf "ruleset              %s\n", r
    printf "cases                %d (seed %s), %.1f MB of results\n", n, seed, b / 1e6
    printf "wall time            %.2f s (user %.2f s, system %.2f s)\n", s, u, y
    if (s > 0) printf "throughput           %.0f cases/s\n", n / s
    else       printf "throughput           more than %.0f cases/s (under the 0.01 s resolution of time)\n", n / 0.01
    printf "peak resident memory %.1f MB\n", kb / 1024
}'
