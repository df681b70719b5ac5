#!/usr/bin/env bash
# Runs each libFuzzer target of a fuzz build (make fuzz) for SECONDS, starting from its seeds in
# tests/fuzz/corpus/<target> plus what earlier runs found (BUILD/fuzz-corpus/<target>). An input
# that crashes, hangs (> 10 s), leaks or outgrows 2 GB is written to
# tests/fuzz/regressions/<target>/ — commit it with the fix: `make test` replays it from then on.
# Prints how many inputs each target ran; exits non-zero if any target found something.
set -uo pipefail
BUILD=${1:?usage: run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]}
SECONDS_EACH=${2:?usage: run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
TARGETS=(sql text_source checkpoint)
[ $# -gt 0 ] && TARGETS=("$@")
HERE=$(cd "$(dirname "$0")" && pwd)
status=0
for target in "${TARGETS[@]}"; do
  work="$BUILD/fuzz-corpus/$target"
  found="$HERE/regressions/$target"
  mkdir -p "$work" "$found"
  options=()
  [ -f "$HERE/$target.dict" ] && options=(-dict="$HERE/$target.dict")
  # A planned query touches tens of thousands of edges, and the entropic schedule's bookkeeping
  # per feature took 60% of fuzz_sql's time: the plain schedule runs 2.5x the inputs.
  [ "$target" = sql ] && options+=(-entropic=0)
  log="$BUILD/fuzz-$target.log"
  "$BUILD/tests/fuzz/fuzz_$target" "$work" "$HERE/corpus/$target" "${options[@]}" \
    -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$found/" >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  if [ $rc -eq 0 ]; then
    echo "fuzz_$target: ${runs:-?} inputs in ${SECONDS_EACH} s, nothing found"
  else
    status=1
    echo "fuzz_$target: FOUND a problem after ${runs:-?} inputs (exit $rc); the input is in $found/, the log in $log:"
    grep -E 'ERROR|SUMMARY|==[0-9]+==|Test unit written' "$log" | head -20
  fi
done
exit $status
