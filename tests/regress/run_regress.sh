#!/usr/bin/env bash
# run_regress.sh — replays every reproducer tests/regress/<target>-<what>-<class>.bin through
# the fuzz target named by its prefix (fuzz-build/fuzz_<target>, libFuzzer replay mode),
# built on demand by tests/fuzz/run-fuzz.sh --build-only. Without clang, REPLAY_CC=cc
# builds tests/regress/replay_main.c + the target against build/asan objects instead.
# Usage: tests/regress/run_regress.sh [--corpus]   (--corpus also replays fuzz-build/corpus/*)
# Ends with "N passed, M failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
OUT=${FUZZ_OUT:-$PWD/fuzz-build}
TARGETS="link ip udp_tcp sip sdp rtp rtcp stun pcap_file analyzer_udp"

target_of() {   # longest target name that prefixes the file name
    local base best="" t
    base=$(basename "$1")
    for t in $TARGETS; do case $base in "$t"-*) [ ${#t} -gt ${#best} ] && best=$t ;; esac; done
    echo "$best"
}

binary_for() {
    local t=$1
    if [ -n "${REPLAY_CC:-}" ]; then
        local bin="$OUT/replay_$t"
        if [ ! -x "$bin" ]; then
            mkdir -p "$OUT"
            $REPLAY_CC -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -std=c11 -D_GNU_SOURCE -I. \
                $(pkg-config --cflags libpcap libosip2 libndpi json-c ncursesw zlib) \
                -o "$bin" tests/regress/replay_main.c "tests/fuzz/fuzz_$t.c" \
                $(ls build/asan/{dissectors,analyzer,capture}/*.o build/asan/ui/report_*.o) \
                $(pkg-config --libs libpcap libosip2 libndpi json-c ncursesw zlib) -losipparser2 -lpthread -lm \
                >&2 || return 1
        fi
        echo "$bin"
    else
        [ -x "$OUT/fuzz_$t" ] || tests/fuzz/run-fuzz.sh --build-only "$t" >&2 || return 1
        echo "$OUT/fuzz_$t"
    fi
}

pass=0; fail=0
run_case() {   # name binary args...
    local name=$1 bin=$2; shift 2
    local extra=()
    [ -z "${REPLAY_CC:-}" ] && extra=(-detect_leaks=1 -timeout=10 -runs=0)
    [[ $name == analyzer_udp* ]] && extra=(-detect_leaks=0 -timeout=10 -runs=0)
    [ -n "${REPLAY_CC:-}" ] && extra=()
    if "$bin" "${extra[@]}" "$@" > "$OUT/regress.log" 2>&1; then
        pass=$((pass + 1)); echo "ok   $name"
    else
        fail=$((fail + 1)); echo "FAIL $name"; grep -m3 -E 'ERROR|runtime error|invariant' "$OUT/regress.log"
    fi
}

mkdir -p "$OUT"
for f in tests/regress/*.bin; do
    [ -e "$f" ] || continue
    t=$(target_of "$f")
    if [ -z "$t" ]; then echo "FAIL $f: no target prefix"; fail=$((fail + 1)); continue; fi
    bin=$(binary_for "$t") || { echo "FAIL $f: cannot build $t"; fail=$((fail + 1)); continue; }
    run_case "$(basename "$f")" "$bin" "$f"
done
if [ "${1:-}" = --corpus ]; then
    for t in $TARGETS; do
        [ -d "$OUT/corpus/$t" ] || continue
        bin=$(binary_for "$t") || continue
        run_case "$t corpus ($(ls "$OUT/corpus/$t" | wc -l) inputs)" "$bin" "$OUT/corpus/$t"
    done
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
