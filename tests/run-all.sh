#!/bin/bash
# run-all.sh — the whole test suite, for the release binary and again for the ASan+UBSan
# build. Each suite prints "N passed, M failed" last; this script adds them up and ends
# with the total in the same form. Suites that need root or a package say so and skip.
set -u
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export VX_SHARED="${VX_SHARED:-$(cd .. && pwd)/shared}"
OUT=tests/out
mkdir -p "$OUT"
total_pass=0 total_fail=0 failed_suites=""

run_suite() {   # name, command...
    local name=$1; shift
    local log="$OUT/$name.log"
    local start=$SECONDS
    echo "=== $name"
    "$@" >"$log" 2>&1
    local rc=$?
    local line
    line=$(grep -E '^[A-Za-z]*:? ?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    local p f
    p=$(echo "$line" | sed -E 's/.*\b([0-9]+) passed.*/\1/')
    f=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) failed.*/\1/')
    [ -z "$line" ] && { p=0; f=1; line="(no summary line)"; }
    [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
    total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
    grep -E '^(FAIL|not ok|SKIP|\[  FAILED  \])' "$log" | head -20
    echo "    $name: $line (exit $rc, $((SECONDS - start)) s)"
    [ "$f" != 0 ] && failed_suites="$failed_suites $name"
}

unit_suite() {  # build dir
    local pass=0 fail=0
    for t in "$1"/tests/test_*; do
        [ -x "$t" ] || continue
        if timeout 120 "$t"; then pass=$((pass + 1)); echo "ok $(basename "$t")"
        else fail=$((fail + 1)); echo "FAIL $(basename "$t")"; fi
    done
    echo "$pass passed, $fail failed"
    [ "$fail" = 0 ]
}

for flavour in rel asan; do
    bin=./vxdiag; [ $flavour = asan ] && bin=./vxdiag-asan
    run_suite "unit-$flavour" unit_suite "build/$flavour"
    run_suite "golden-$flavour" tests/golden/run_golden.sh "$bin"
    run_suite "conformance-$flavour" python3 tests/conformance/conformance.py "$bin"
    run_suite "malformed-$flavour" tests/malformed/run_malformed.sh "$bin" "$OUT/malformed-$flavour"
    run_suite "inputs-$flavour" tests/inputs/run_input_tests.sh "$bin"
    run_suite "core-$flavour" tests/core/run_core_tests.sh "$bin"
    [ -x tests/rules/run_rules_tests.sh ] && run_suite "rules-$flavour" tests/rules/run_rules_tests.sh "$bin"
    [ -x tests/report/run_report_tests.sh ] && run_suite "report-$flavour" tests/report/run_report_tests.sh "$bin"
    [ -x tests/tui/run_tui_tests.sh ] && run_suite "tui-$flavour" tests/tui/run_tui_tests.sh "$bin"
done
# Network tests (root, namespaces): once, with the release build; the lab also with ASan.
[ -x tests/lab/run_lab_tests.sh ] && run_suite lab tests/lab/run_lab_tests.sh ./vxdiag-asan
[ -x tests/live/run_live_tests.sh ] && run_suite live tests/live/run_live_tests.sh ./vxdiag
[ -x tests/tui/run_live_tui_tests.sh ] && run_suite live-tui tests/tui/run_live_tui_tests.sh ./vxdiag-asan
[ -x tests/hep/run_hep_tests.sh ] && run_suite hep tests/hep/run_hep_tests.sh ./vxdiag
[ -x tests/regress/run_regress.sh ] && run_suite regress tests/regress/run_regress.sh
# a fixed seed in the test run: repeatable; `make fuzz` (no FUZZ_SEED) explores afresh
[ -x tests/fuzz/run-fuzz.sh ] && [ "${VX_FUZZ_SECONDS:-20}" != 0 ] && FUZZ_SEED=${FUZZ_SEED:-1} run_suite fuzz tests/fuzz/run-fuzz.sh "${VX_FUZZ_SECONDS:-20}"

echo
[ -n "$failed_suites" ] && echo "failed suites:$failed_suites (logs in $OUT/)"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ]
