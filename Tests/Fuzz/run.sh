#!/usr/bin/env bash
# Runs the libFuzzer targets (Sources/GuidelineFuzzing) for a given time each.
#
#   Tests/Fuzz/run.sh TARGET SECONDS [LIBFUZZER_FLAG ...]    TARGET: yaml | expression | compile | case | jsonl
#   Tests/Fuzz/run.sh all SECONDS [LIBFUZZER_FLAG ...]       every target, one after the other
#
# Builds the fuzz executable (release, -sanitize=fuzzer,address, -DFUZZING) in .build-fuzz, writes each target's
# seed corpus (from Rules/ and Tests/Fixtures) and dictionary, and runs libFuzzer over a working corpus
# (.build-fuzz/fuzz/TARGET/corpus, kept between runs), the seeds and the regression corpus
# (Tests/Fuzz/regressions/TARGET). Any crash, timeout or out-of-memory input is copied into the regression
# corpus, which `swift test` replays; the script then exits 1.
#
# Environment: GUIDELINE_FUZZ_SCRATCH (default .build-fuzz), GUIDELINE_FUZZ_NO_BUILD=1 (use the built binary),
# GUIDELINE_FUZZ_NICE (default 10).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
scratch=${GUIDELINE_FUZZ_SCRATCH:-.build-fuzz}
niceness=${GUIDELINE_FUZZ_NICE:-10}
targets=(yaml expression compile case jsonl)

usage() {
  echo "usage: Tests/Fuzz/run.sh yaml|expression|compile|case|jsonl|all SECONDS [LIBFUZZER_FLAG ...]" >&2
  exit 64
}
[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2
[[ $seconds =~ ^[0-9]+$ ]] || usage
case $target in
  all) selected=("${targets[@]}") ;;
  yaml | expression | compile | case | jsonl) selected=("$target") ;;
  *) usage ;;
esac

# The largest input worth generating per target: a YAML file, an expression, a rule file (the largest bundled
# one is about 16 KB), a case, a batch of a few dozen lines.
max_len() {
  case $1 in
    yaml) echo 16384 ;;
    expression) echo 1024 ;;
    compile) echo 20480 ;;
    case) echo 4096 ;;
    jsonl) echo 8192 ;;
  esac
}

binary=$scratch/release/guideline-fuzz
if [ "${GUIDELINE_FUZZ_NO_BUILD:-}" != 1 ]; then
  echo "fuzz: building guideline-fuzz (release, -sanitize=fuzzer,address) in $scratch"
  mkdir -p "$scratch"
  if ! nice -n "$niceness" swift build -c release --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING --product guideline-fuzz >"$scratch/fuzz-build.log" 2>&1; then
    tail -40 "$scratch/fuzz-build.log" >&2
    echo "fuzz: the fuzz build failed (log: $scratch/fuzz-build.log)" >&2
    exit 2
  fi
fi
[ -x "$binary" ] || { echo "fuzz: no fuzz binary at $binary" >&2; exit 2; }

# Leak checking is off: LeakSanitizer misreads Swift's pointers with spare bits (enum payloads) and reports
# memory that global caches still hold. Address errors are still fatal.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# A crash goes to libFuzzer's handler (which saves the input), not to Swift's interactive backtracer.
export SWIFT_BACKTRACE=enable=no

failed=()
for t in "${selected[@]}"; do
  work=$scratch/fuzz/$t
  regressions=Tests/Fuzz/regressions/$t
  rm -rf "$work/seeds" "$work/artifacts"
  mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts" "$regressions"
  "$binary" --seeds "$t" "$work/seeds" "$root" >/dev/null
  "$binary" --dictionary "$t" >"$work/dictionary"
  flags=(-max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048
    -artifact_prefix="$work/artifacts/" -print_final_stats=1 -detect_leaks=0)
  [ -s "$work/dictionary" ] && flags+=(-dict="$work/dictionary")
  echo "fuzz: $t for ${seconds}s (log: $work/log)"
  status=0
  GUIDELINE_FUZZ_TARGET=$t nice -n "$niceness" "$binary" "${flags[@]}" "$@" \
    "$work/corpus" "$work/seeds" "$regressions" >"$work/log" 2>&1 || status=$?

  # The figures of the run, from libFuzzer's last status line and final statistics.
  done_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)' "$work/log" | tail -1 || true)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$work/log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$done_line")

  found=()
  for artifact in "$work"/artifacts/crash-* "$work"/artifacts/timeout-* "$work"/artifacts/oom-* "$work"/artifacts/leak-*; do
    [ -e "$artifact" ] || continue
    known=""
    for existing in "$regressions"/*; do
      if [ -f "$existing" ] && cmp -s "$artifact" "$existing"; then known=$existing; break; fi
    done
    if [ -n "$known" ]; then
      found+=("$known (already in the regression corpus)")
    else
      cp "$artifact" "$regressions/"
      found+=("$regressions/$(basename "$artifact")")
    fi
  done
  if [ ${#found[@]} -gt 0 ] || [ "$status" -ne 0 ]; then
    grep -E 'ERROR|Fatal error|violation|SUMMARY|deadly signal|Test unit written' "$work/log" | head -20 >&2 || true
    if [ ${#found[@]} -gt 0 ]; then
      echo "fuzz: $t FAILED (exit $status): crash, timeout or out-of-memory input(s), in the regression corpus that swift test replays:" >&2
      for f in "${found[@]}"; do
        echo "  $f" >&2
      done
      echo "  replay: swift run guideline-fuzz $t FILE; fix the cause, add a test, commit the input" >&2
    else
      echo "fuzz: $t FAILED (exit $status) without an input; see $work/log" >&2
    fi
    failed+=("$t")
  else
    echo "fuzz: $t ok: ${runs:-?} runs in ${seconds}s (${rate:-?}/s), cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?} inputs, peak rss ${rss:-?} MB"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
