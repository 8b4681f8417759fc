#!/usr/bin/env bash
# run_malformed.sh BINARY OUTDIR - run vxdiag over the hostile capture files (hardening §6.3).
#
# Generates the files with gen_malformed.py into OUTDIR, then for every row of
# OUTDIR/cases.tsv runs
#     timeout 10 BINARY report --format json --out /dev/null FILE
# and checks:
#   - no crash: exit status < 128 (signal / timeout kill) and not 124 (timeout);
#   - no sanitizer report on stderr ("ERROR: AddressSanitizer", "runtime error:",
#     "LeakSanitizer");
#   - expect=ok    -> exit status 0;
#   - expect=exit2 -> exit status 2 and exactly one non-empty line on stderr.
# Optional, VX_MALFORMED_STRICT=1: also fail a case that takes >= 1 s wall or peaks at
# >= 64 MiB RSS (§6.3 budgets; meaningless under ASan, so off by default).
#
# Prints "ok NAME" or "FAIL NAME: why" per case, then "N passed, M failed".
# Exit status: 0 all passed, 1 some failed, 2 usage / setup error.
# Per-case stderr/stdout and measurements are kept in OUTDIR/logs/.
set -u

here=$(cd "$(dirname "$0")" && pwd)

if [ $# -ne 2 ]; then
    echo "usage: $0 BINARY OUTDIR" >&2
    exit 2
fi
bin=$1
outdir=$2

if [ -z "${bin##*/*}" ]; then
    # a path: must be an executable file
    if [ ! -x "$bin" ]; then
        echo "run_malformed: binary '$bin' not found or not executable" >&2
        exit 2
    fi
else
    if ! command -v "$bin" >/dev/null 2>&1; then
        echo "run_malformed: binary '$bin' not found in PATH" >&2
        exit 2
    fi
fi

mkdir -p "$outdir" || exit 2
python3 "$here/gen_malformed.py" "$outdir" || {
    echo "run_malformed: gen_malformed.py failed" >&2
    exit 2
}
logs=$outdir/logs
mkdir -p "$logs" || exit 2

# Sanitizer defaults (kept if the caller set their own).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

timeout_s=${VX_MALFORMED_TIMEOUT:-10}
strict=${VX_MALFORMED_STRICT:-0}
have_time=0
[ -x /usr/bin/time ] && have_time=1

pass=0
fail=0

while IFS=$'\t' read -r name expect _desc; do
    [ "$name" = "file" ] && continue   # header row
    [ -z "$name" ] && continue
    f=$outdir/$name
    err=$logs/$name.stderr
    out=$logs/$name.stdout
    meas=$logs/$name.time
    rm -f "$meas"
    if [ "$have_time" = 1 ]; then
        timeout -k 2 "$timeout_s" /usr/bin/time -o "$meas" -f "%e %M" \
            "$bin" report --format json --out /dev/null "$f" >"$out" 2>"$err" </dev/null
        rc=$?
    else
        timeout -k 2 "$timeout_s" \
            "$bin" report --format json --out /dev/null "$f" >"$out" 2>"$err" </dev/null
        rc=$?
    fi

    why=""
    if [ "$rc" -eq 124 ]; then
        why="timeout after ${timeout_s}s (hang or runaway loop?)"
    elif [ "$rc" -eq 137 ]; then
        why="killed by SIGKILL (ignored the timeout's SIGTERM, or OOM killer)"
    elif [ "$rc" -ge 128 ]; then
        why="crashed: exit $rc (signal $((rc - 128)))"
    elif grep -q -e "ERROR: AddressSanitizer" -e "runtime error:" -e "LeakSanitizer" "$err"; then
        why="sanitizer report: $(grep -m1 -e "ERROR: AddressSanitizer" -e "runtime error:" \
            -e "LeakSanitizer" "$err" | cut -c1-200)"
    elif [ "$expect" = "ok" ]; then
        if [ "$rc" -ne 0 ]; then
            why="exit $rc, expected 0 ($(head -n1 "$err" | cut -c1-160))"
        fi
    elif [ "$expect" = "exit2" ]; then
        nlines=$(awk 'END { print NR }' "$err")
        if [ "$rc" -ne 2 ]; then
            why="exit $rc, expected 2"
        elif [ "$nlines" -ne 1 ]; then
            why="stderr has $nlines lines, expected exactly 1"
        elif ! grep -q '[^[:space:]]' "$err"; then
            why="stderr line is empty"
        fi
    else
        why="bad expect '$expect' in cases.tsv"
    fi

    if [ -z "$why" ] && [ "$strict" = 1 ] && [ -s "$meas" ]; then
        # last line of GNU time's -o output: "%e %M" (a "Command exited ..." line may precede)
        read -r wall rss_kb < <(tail -n1 "$meas")
        if awk -v w="$wall" 'BEGIN { exit !(w >= 1.0) }'; then
            why="slow: ${wall}s wall (budget < 1 s)"
        elif [ "${rss_kb:-0}" -ge 65536 ]; then
            why="memory: peak RSS $((rss_kb / 1024)) MiB (budget < 64 MiB)"
        fi
    fi

    if [ -z "$why" ]; then
        echo "ok $name"
        pass=$((pass + 1))
    else
        echo "FAIL $name: $why"
        fail=$((fail + 1))
    fi
done <"$outdir/cases.tsv"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
