#!/usr/bin/env bash
# run-fuzz.sh — builds every libFuzzer target (clang, ASan+UBSan) into fuzz-build/, seeds
# corpora from samples/ and the malformed suite, and runs each target SECONDS, two at a time.
# Usage: tests/fuzz/run-fuzz.sh [--build-only] [SECONDS] [TARGET...]
# Ends with "N passed, M failed"; a target passes when libFuzzer exits 0.
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$PWD
OUT=${FUZZ_OUT:-$ROOT/fuzz-build}
JOBS=${FUZZ_JOBS:-2}
ALL_TARGETS="link ip udp_tcp sip sdp rtp rtcp stun pcap_file analyzer_udp"

BUILD_ONLY=0
if [ "${1:-}" = "--build-only" ]; then BUILD_ONLY=1; shift; fi
SECONDS_PER=${1:-20}; [ $# -gt 0 ] && shift
TARGETS=${*:-$ALL_TARGETS}

CC=${FUZZ_CC:-clang}
PKGS="libpcap libosip2 libndpi json-c ncursesw zlib"
PKG_CFLAGS=$(pkg-config --cflags $PKGS)
PKG_LIBS="$(pkg-config --libs $PKGS) -losipparser2 -lpthread -lm"
# Library objects get warnings without -Werror (a clang-only warning in a file someone else
# is editing must not stop fuzzing); the fuzz targets themselves are built with -Werror.
WARN="-Wno-unknown-warning-option -Wall -Wextra -Wshadow -Wno-unused-parameter -Wno-format-truncation"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
CFLAGS="-g -O1 -fno-omit-frame-pointer $SAN -std=c11 -D_GNU_SOURCE -I. $PKG_CFLAGS $WARN"
# Only what the targets call: dissectors, analyzer, capture and the report writers.
LIB_SRCS="dissectors/*.c analyzer/*.c capture/*.c ui/report_json.c ui/report_text.c ui/i18n.c ui/i18n_rules.c ui/verdict.c"

die() { echo "run-fuzz: $*" >&2; exit 2; }

check_tools() {
    command -v "$CC" >/dev/null || die "$CC not found (apt-get install clang)"
    echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){return 0;}' > "$OUT/probe.c"
    "$CC" -fsanitize=fuzzer "$OUT/probe.c" -o "$OUT/probe" 2>/dev/null ||
        die "libFuzzer runtime missing (apt-get install -y libclang-rt-14-dev)"
}

hdr_sum() { cat dissectors/*.h analyzer/*.h capture/*.h ui/report.h ui/i18n.h ui/verdict.h | md5sum | cut -c1-32; }

# Library objects. Any header change rebuilds them all (a struct that grew in one object
# but not another gives false heap overflows); a header edited during the build (other
# people work in the tree) triggers another pass.
build_objs() {
    local src obj pass sum
    OBJS=""
    for src in $LIB_SRCS; do OBJS="$OBJS $OUT/obj/${src%.c}.o"; done
    for pass in 1 2 3; do
        sum=$(hdr_sum)
        [ "$sum" != "$(cat "$OUT/obj/.hdrsum" 2>/dev/null)" ] && rm -f $OBJS "$OUT/libvx.a"
        local todo=()
        for src in $LIB_SRCS; do
            obj="$OUT/obj/${src%.c}.o"
            if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ]; then todo+=("$src"); fi
        done
        if [ ${#todo[@]} -gt 0 ] || [ ! -f "$OUT/libvx.a" ]; then
            echo "  CC-FUZZ ${#todo[@]} objects"
            [ ${#todo[@]} -gt 0 ] && { printf '%s\n' "${todo[@]}" | xargs -P "$JOBS" -I{} sh -c \
                'mkdir -p "$(dirname "$1/obj/$2")" && '"$CC"' '"$CFLAGS"' -fsanitize=fuzzer-no-link -c -o "$1/obj/${2%.c}.o" "$2"' _ "$OUT" {} ||
                die "object build failed"; }
            # An archive: a target pulls in only the objects it needs, so a module with extra
            # library dependencies (e.g. libcap-ng for capture/privs.c) does not break the link.
            rm -f "$OUT/libvx.a"
            ar rcs "$OUT/libvx.a" $OBJS || die "ar failed"
        fi
        echo "$sum" > "$OUT/obj/.hdrsum"
        [ "$sum" = "$(hdr_sum)" ] && return 0
    done
    die "headers keep changing during the build; try again"
}

build_target() {
    local t=$1 bin="$OUT/fuzz_$1"
    local src="tests/fuzz/fuzz_$t.c"
    [ -f "$src" ] || die "no $src"
    if [ -f "$bin" ] && [ ! "$src" -nt "$bin" ] && [ ! tests/fuzz/fuzz_common.h -nt "$bin" ] &&
       [ ! "$OUT/libvx.a" -nt "$bin" ]; then return 0; fi
    local extra=""
    [ "$t" = pcap_file ] && extra="-Wl,--wrap=vx_traffic_new"   # nDPI off unless VX_FUZZ_NDPI=1
    echo "  LD-FUZZ fuzz_$t"
    $CC $CFLAGS -Werror -fsanitize=fuzzer -o "$bin" "$src" "$OUT/libvx.a" $PKG_LIBS $extra || die "link of fuzz_$t failed"
}

dict_for() {
    case $1 in
        link|ip|udp_tcp) echo tests/fuzz/net.dict ;;
        sip|sdp) echo tests/fuzz/sip.dict ;;
        rtp|rtcp) echo tests/fuzz/rtcp.dict ;;
        stun) echo tests/fuzz/stun.dict ;;
        analyzer_udp) cat tests/fuzz/sip.dict tests/fuzz/rtcp.dict tests/fuzz/stun.dict > "$OUT/analyzer_udp.dict"; echo "$OUT/analyzer_udp.dict" ;;
        pcap_file) cat tests/fuzz/sip.dict tests/fuzz/net.dict > "$OUT/pcap_file.dict"; echo "$OUT/pcap_file.dict" ;;
    esac
}

make_seeds() {
    [ -d "$OUT/seeds" ] && [ -z "$(find samples tests/fuzz/make_seeds.py tests/malformed/gen_malformed.py -newer "$OUT/seeds" | head -1)" ] && return 0
    rm -rf "$OUT/seeds" "$OUT/malformed"
    python3 tests/malformed/gen_malformed.py "$OUT/malformed" >/dev/null || die "gen_malformed.py failed"
    python3 tests/fuzz/make_seeds.py "$OUT/seeds" samples/*.pcap "$OUT"/malformed/*.pcap \
        --whole samples/*.pcap "$OUT"/malformed/* | tr '\n' ' '; echo
}

run_one() {
    local t=$1 max_len=65535 log="$OUT/logs/$1.log"
    [ "$t" = pcap_file ] && max_len=1048576
    local leaks=1
    [ "$t" = analyzer_udp ] && leaks=0   # persistent state by design; see fuzz_analyzer_udp.c
    mkdir -p "$OUT/corpus/$t" "$OUT/artifacts/$t" "$OUT/seeds/$t"
    local extra=()
    # FUZZ_SEED fixes libFuzzer's mutation sequence (CI uses it so that a run is repeatable);
    # unset, every run explores afresh
    [ -n "${FUZZ_SEED:-}" ] && extra+=("-seed=$FUZZ_SEED")
    [ -d "tests/fuzz/corpus/$t" ] && extra+=("tests/fuzz/corpus/$t")
    [ -d "tests/regress/$t" ] && extra+=("tests/regress/$t")
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$OUT/fuzz_$t" -max_total_time="$SECONDS_PER" -timeout=2 -rss_limit_mb=1024 \
        -malloc_limit_mb=128 -max_len="$max_len" -print_final_stats=1 -detect_leaks=$leaks \
        -dict="$(dict_for "$t")" -artifact_prefix="$OUT/artifacts/$t/" \
        "$OUT/corpus/$t" "$OUT/seeds/$t" "${extra[@]}" > "$log" 2>&1
    echo $? > "$OUT/logs/$t.rc"
}

summary() {
    local pass=0 fail=0 t rc execs eps cov
    printf '%-13s %-6s %12s %10s %8s %s\n' target result executions exec/s cov artifacts
    for t in $TARGETS; do
        rc=$(cat "$OUT/logs/$t.rc" 2>/dev/null || echo 99)
        execs=$(awk '/stat::number_of_executed_units/{print $2}' "$OUT/logs/$t.log" | tail -1)
        eps=$(awk '/stat::average_exec_per_sec/{print $2}' "$OUT/logs/$t.log" | tail -1)
        cov=$(grep -o 'cov: [0-9]*' "$OUT/logs/$t.log" | tail -1 | awk '{print $2}')
        local arts; arts=$(ls "$OUT/artifacts/$t" 2>/dev/null | wc -l)
        if [ "$rc" = 0 ]; then pass=$((pass + 1)); r=ok; else fail=$((fail + 1)); r="FAIL($rc)"; fi
        printf '%-13s %-6s %12s %10s %8s %s\n' "$t" "$r" "${execs:--}" "${eps:--}" "${cov:--}" "$arts"
    done
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}

mkdir -p "$OUT/obj" "$OUT/logs"
check_tools
build_objs
for t in $TARGETS; do build_target "$t"; done
[ "$BUILD_ONLY" = 1 ] && { echo "built: $TARGETS"; exit 0; }
make_seeds
export -f run_one dict_for
export OUT SECONDS_PER
start=$(date +%s)
echo "running ${SECONDS_PER}s per target, $JOBS at a time: $TARGETS"
printf '%s\n' $TARGETS | xargs -P "$JOBS" -I{} bash -c 'run_one {}'
echo "wall time: $(( $(date +%s) - start ))s"
summary
