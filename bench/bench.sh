#!/usr/bin/env bash
# bench/bench.sh VXDIAG [medium|large] - time vxdiag against the libpcap read floor and peers.
#
#   medium (default): pcap_floor, vxdiag, tshark (if installed), sngrep (if installed) on the
#       standard medium capture (340 calls, 600 s, 1,986,165 packets, 575 MB); prints wall s,
#       packets/s, MB/s, peak RSS and the ratio to pcap_floor; target: vxdiag <= 2x floor wall.
#   large: pcap_floor and vxdiag on the large capture (2000 calls, 3600 s, 12.7 M packets,
#       3.7 GB); target: vxdiag peak RSS < 150 MiB. Peers only with BENCH_PEERS=1 (tshark
#       needs ~90 s and ~4 GiB there).
#
# Inputs come from the shared bench kit ${VX_SHARED:-../shared}/bench (relative to the repo
# root): gen_voip_pcap.py makes the capture (cached in bench/.cache/, gitignored; ~4 s for
# medium, ~20-30 s for large), pcap_floor.c is compiled into bench/.cache/. If the kit is
# missing the benchmark is skipped loudly (exit 0).
#
# vxdiag is run as:  VXDIAG report --format json --out /dev/null FILE
# Every tool runs BENCH_RUNS times (default 3 medium, 1 large) after one warm-up read of the
# file; the table shows the median wall time and the largest peak RSS. Timing uses
# /usr/bin/time -f "%e %M", or a python3 getrusage wrapper if /usr/bin/time is missing.
#
# Environment: VX_SHARED, BENCH_RUNS, BENCH_TIMEOUT (s per run, default 900), BENCH_PEERS=0|1,
#              BENCH_CACHE (default bench/.cache), PYTHON (default python3).
# Exit status: 0 ran (targets missed are reported, not fatal) or skipped; 1 vxdiag failed
# (non-zero exit) ; 2 usage/setup error. With BENCH_STRICT=1 a missed target also exits 1.
set -u

usage() { echo "usage: $0 VXDIAG [medium|large]" >&2; exit 2; }
if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
vx=$1
size=${2:-medium}
case "$size" in medium | large) ;; *) usage ;; esac

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

skip() {
    {
        echo "############################################################"
        echo "## bench SKIPPED: $*"
        echo "############################################################"
    } >&2
    exit 0
}

# resolve the vxdiag binary before any cd
if [ -z "${vx##*/*}" ]; then
    [ -x "$vx" ] || { echo "bench: '$vx' is not an executable file" >&2; exit 2; }
    vx=$(cd "$(dirname "$vx")" && pwd)/$(basename "$vx")
else
    command -v "$vx" >/dev/null 2>&1 || { echo "bench: '$vx' not found in PATH" >&2; exit 2; }
fi

shared=${VX_SHARED:-../shared}
case "$shared" in /*) ;; *) shared=$root/$shared ;; esac
kit=$shared/bench
[ -d "$kit" ] || skip "shared bench kit not found at $kit (set VX_SHARED)"
[ -f "$kit/gen_voip_pcap.py" ] || skip "$kit/gen_voip_pcap.py missing"
[ -f "$kit/pcap_floor.c" ] || skip "$kit/pcap_floor.c missing"
py=${PYTHON:-python3}
command -v "$py" >/dev/null 2>&1 || skip "$py not found (needed to generate the capture)"

cache=${BENCH_CACHE:-$here/.cache}
mkdir -p "$cache" || exit 2

if [ "$size" = medium ]; then
    calls=340 duration=600 need_mb=1000
    runs=${BENCH_RUNS:-3}
else
    calls=2000 duration=3600 need_mb=5000
    runs=${BENCH_RUNS:-1}
fi
timeout_s=${BENCH_TIMEOUT:-900}
peers=${BENCH_PEERS:-$([ "$size" = medium ] && echo 1 || echo 0)}

# ---------------------------------------------------------------- the capture (cached)
pcap=$cache/voip-$size-c$calls-d$duration-s1-l2.pcap
if [ ! -s "$pcap" ] || [ ! -s "$pcap.truth.json" ]; then
    avail_mb=$(df -Pm "$cache" | awk 'NR == 2 { print $4 }')
    if [ "${avail_mb:-0}" -lt "$need_mb" ]; then
        skip "need ${need_mb} MB free in $cache to generate the $size capture, have ${avail_mb} MB"
    fi
    echo "bench: generating $size capture ($calls calls, $duration s) into $pcap ..." >&2
    t0=$(date +%s.%N)
    tmp=$cache/.gen-$size-$$.pcap
    if ! "$py" "$kit/gen_voip_pcap.py" --calls "$calls" --duration "$duration" --seed 1 \
        --loss 2 --out "$tmp"; then
        rm -f "$tmp" "$tmp.truth.json"
        echo "bench: gen_voip_pcap.py failed" >&2
        exit 2
    fi
    mv -f "$tmp.truth.json" "$pcap.truth.json" && mv -f "$tmp" "$pcap" || exit 2
    t1=$(date +%s.%N)
    echo "bench: generated in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s" >&2
fi
file_bytes=$(stat -c %s "$pcap")
packets=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"]["packets"])' \
    "$pcap.truth.json" 2>/dev/null) || packets=""

# ---------------------------------------------------------------- the floor (compiled)
floor=$cache/pcap_floor
if [ ! -x "$floor" ] || [ "$kit/pcap_floor.c" -nt "$floor" ]; then
    echo "bench: compiling pcap_floor ..." >&2
    if ! ${CC:-cc} -O2 -o "$floor" "$kit/pcap_floor.c" -lpcap 2>"$cache/pcap_floor.build.log"; then
        echo "bench: WARNING: cannot build pcap_floor (libpcap-dev missing?), see" \
            "$cache/pcap_floor.build.log; no floor ratio" >&2
        rm -f "$floor"
        floor=""
    fi
fi
if [ -z "$packets" ] && [ -n "$floor" ]; then
    packets=$("$floor" "$pcap" 2>/dev/null | sed -n 's/.*packets=\([0-9]*\).*/\1/p')
fi

# ---------------------------------------------------------------- timing
# measure NAME CMD... : one run; sets m_wall (s), m_rss (KiB), m_rc
errlog=/dev/null   # set per tool below: $cache/bench-TOOL.stderr
timebin=${BENCH_TIME_BIN:-/usr/bin/time}   # override only to test the fallback
# shellcheck disable=SC2317  # called through eval below
measure() {
    local tf=$cache/.time.$$
    rm -f "$tf"
    if [ -x "$timebin" ]; then
        timeout -k 5 "$timeout_s" "$timebin" -o "$tf" -f "%e %M" "$@" >/dev/null 2>>"$errlog" \
            </dev/null
        m_rc=$?
        read -r m_wall m_rss < <(tail -n1 "$tf" 2>/dev/null)
    else
        # fallback: wall from time.monotonic(); peak RSS = VmHWM of /proc/PID/status polled
        # every 20 ms (the exec'd program only). getrusage(RUSAGE_CHILDREN) would also count
        # the python interpreter's pages the child had before exec (~13 MiB), so it is used
        # only for runs too short to poll.
        timeout -k 5 "$timeout_s" "$py" -c '
import resource, subprocess, sys, time
def hwm(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
t = time.monotonic()
p = subprocess.Popen(sys.argv[2:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
peak = 0
while p.poll() is None:
    peak = max(peak, hwm(p.pid))
    time.sleep(0.02)
w = time.monotonic() - t
rc = p.returncode
if peak == 0:
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as f:
    f.write("%.2f %d\n" % (w, peak))
sys.exit(rc if rc >= 0 else 128 - rc)
' "$tf" "$@" 2>>"$errlog" </dev/null
        m_rc=$?
        read -r m_wall m_rss < <(tail -n1 "$tf" 2>/dev/null)
    fi
    rm -f "$tf"
    case "${m_wall:-}" in '' | *[!0-9.]*) m_wall="" ;; esac
    case "${m_rss:-}" in '' | *[!0-9]*) m_rss="" ;; esac
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END {
    if (NR == 0) { print ""; exit }
    if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
maxof() { tr ' ' '\n' | grep -v '^$' | sort -g | tail -n1; }

declare -a t_name t_cmd
add_tool() { t_name+=("$1"); shift; t_cmd+=("$(printf '%q ' "$@")"); }

[ -n "$floor" ] && add_tool "pcap_floor" "$floor" "$pcap"
add_tool "vxdiag" "$vx" report --format json --out /dev/null "$pcap"
if [ "$peers" = 1 ]; then
    if command -v tshark >/dev/null 2>&1; then
        add_tool "tshark rtp,streams" tshark -n -q -z rtp,streams -r "$pcap"
    else
        echo "bench: tshark not installed, skipped" >&2
    fi
    if command -v sngrep >/dev/null 2>&1; then
        add_tool "sngrep -N -r" sngrep -N -r -I "$pcap"
    else
        echo "bench: sngrep not installed, skipped" >&2
    fi
fi

for i in "${!t_name[@]}"; do : >"$cache/bench-${t_name[i]%% *}.stderr"; done
echo "bench: warm-up read of $pcap" >&2
cat "$pcap" >/dev/null

declare -a r_wall r_rss r_rc
for i in "${!t_name[@]}"; do r_wall[i]=""; r_rss[i]=""; r_rc[i]=0; done
# round-robin over the tools, so machine noise spreads over all of them
for ((run = 1; run <= runs; run++)); do
    for i in "${!t_name[@]}"; do
        echo "bench: run $run/$runs: ${t_name[i]}" >&2
        errlog=$cache/bench-${t_name[i]%% *}.stderr
        eval "measure ${t_cmd[i]}"   # t_cmd[i] was quoted with printf %q
        if [ "$m_rc" -ne 0 ]; then r_rc[i]=$m_rc; fi
        r_wall[i]="${r_wall[i]} ${m_wall}"
        r_rss[i]="${r_rss[i]} ${m_rss}"
    done
done

# ---------------------------------------------------------------- table
floor_wall=""
vx_wall="" vx_rss="" vx_rc=0
printf '\n%s capture: %s\n' "$size" "$pcap"
printf '%s packets, %s bytes; %d run(s) per tool, median wall, max peak RSS; load avg %s\n\n' \
    "${packets:-?}" "$file_bytes" "$runs" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-20s | %8s | %12s | %8s | %13s | %8s | %s\n' tool "wall s" "packets/s" "MB/s" \
    "peak RSS MiB" "x floor" "exit"
printf '|%s|%s|%s|%s|%s|%s|%s\n' "----------------------" "----------" "--------------" \
    "----------" "---------------" "----------" "-----"
for i in "${!t_name[@]}"; do
    w=$(echo "${r_wall[i]}" | median)
    r=$(echo "${r_rss[i]}" | maxof)
    [ "${t_name[i]}" = pcap_floor ] && floor_wall=$w
    if [ "${t_name[i]}" = vxdiag ]; then vx_wall=$w vx_rss=$r vx_rc=${r_rc[i]}; fi
    awk -v name="${t_name[i]}" -v w="$w" -v r="$r" -v p="${packets:-0}" -v b="$file_bytes" \
        -v fw="$floor_wall" -v rc="${r_rc[i]}" 'BEGIN {
        ws = (w == "") ? "?" : sprintf("%.2f", w)
        pps = (w > 0 && p > 0) ? sprintf("%.0f", p / w) : "-"
        mbs = (w > 0) ? sprintf("%.1f", b / 1e6 / w) : "-"
        rs = (r == "") ? "?" : sprintf("%.1f", r / 1024)
        xf = (fw > 0 && w != "") ? sprintf("%.2f", w / fw) : "-"
        printf "| %-20s | %8s | %12s | %8s | %13s | %8s | %s\n", name, ws, pps, mbs, rs, xf, rc
    }'
done
echo

missed=0
if [ "$vx_rc" -ne 0 ]; then
    echo "vxdiag FAILED: exit status $vx_rc (stderr of the runs: $cache/bench-vxdiag.stderr)"
    tail -n 3 "$cache/bench-vxdiag.stderr" | sed 's/^/  | /'
    echo "targets: NOT CHECKED (vxdiag failed)"
elif [ "$size" = medium ]; then
    if [ -n "$floor_wall" ] && [ -n "$vx_wall" ]; then
        awk -v v="$vx_wall" -v f="$floor_wall" 'BEGIN {
            x = (f > 0) ? v / f : 0
            printf "vxdiag/floor wall ratio: %.2f  (target <= 2.00 on medium): %s\n", x,
                (f > 0 && x <= 2.0) ? "MET" : "NOT MET"
            exit !(f > 0 && x <= 2.0) }' || missed=1
    else
        echo "vxdiag/floor wall ratio: unknown (no floor or no vxdiag timing): NOT CHECKED"
    fi
    echo "(peak RSS target < 150 MiB is checked on the large file: $0 VXDIAG large)"
else
    if [ -n "$vx_rss" ]; then
        awk -v r="$vx_rss" 'BEGIN {
            printf "vxdiag peak RSS on large: %.1f MiB  (target < 150 MiB): %s\n", r / 1024,
                (r / 1024 < 150) ? "MET" : "NOT MET"
            exit !(r / 1024 < 150) }' || missed=1
    else
        echo "vxdiag peak RSS on large: unknown: NOT CHECKED"
    fi
    if [ -n "$floor_wall" ] && [ -n "$vx_wall" ]; then
        awk -v v="$vx_wall" -v f="$floor_wall" \
            'BEGIN { if (f > 0) printf "vxdiag/floor wall ratio on large: %.2f (informational)\n", v / f }'
    fi
fi
[ "$vx_rc" -ne 0 ] && exit 1
[ "${BENCH_STRICT:-0}" = 1 ] && [ "$missed" = 1 ] && exit 1
exit 0
