#!/bin/bash
# run_live_tests.sh — live capture tests in network namespaces (root only).
# Two namespaces joined by a veth pair: vxlive-$$-a (10.77.0.1, the "customer") and
# vxlive-$$-b (10.77.0.2, the "VoiceX server"). A real SIPp call (uac_pcap -> uas, G.711 RTP
# played from a pcap) crosses the veth while `vxdiag live --no-tui` captures on the customer
# side. Checks: the call, its RTP and findings are seen; the offline report of the -w file
# agrees with the live report; the process runs as nobody with no capabilities; ring overruns
# are reported as a capture_problem; -C rotation writes several files that together agree.
# No traffic leaves the namespaces. Usage: tests/live/run_live_tests.sh ./vxdiag
set -u
BIN=$(readlink -f "${1:-./vxdiag}")
HERE=$(cd "$(dirname "$0")" && pwd)
PASS=0; FAIL=0
check() { # name, then a command; prints one line per check
    local name=$1; shift
    if "$@" >/dev/null 2>&1; then echo "ok   - $name"; PASS=$((PASS+1)); else echo "FAIL - $name"; FAIL=$((FAIL+1)); fi
}
finish() { echo "$PASS passed, $FAIL failed"; [ "$FAIL" -eq 0 ]; exit $?; }

if [ "$(id -u)" != 0 ]; then
    echo "SKIP: live capture tests need root (network namespaces, veth, capture) — NOT RUN"
    echo "0 passed, 0 failed"; exit 0
fi
for t in sipp tcpreplay python3 ip; do
    command -v $t >/dev/null || { echo "SKIP: $t is not installed — NOT RUN"; echo "0 passed, 0 failed"; exit 0; }
done

NSA=vxlive-$$-a; NSB=vxlive-$$-b
VA=vxa$$; VB=vxb$$
WORK=$(mktemp -d /tmp/vxlive.XXXXXX)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    ip netns del "$NSA" 2>/dev/null; ip netns del "$NSB" 2>/dev/null
    if [ -n "${KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

setup_ns() {
    ip netns add "$NSA" && ip netns add "$NSB" &&
    ip link add "$VA" netns "$NSA" type veth peer name "$VB" netns "$NSB" &&
    ip -n "$NSA" addr add 10.77.0.1/24 dev "$VA" && ip -n "$NSB" addr add 10.77.0.2/24 dev "$VB" &&
    ip -n "$NSA" link set lo up && ip -n "$NSB" link set lo up &&
    ip -n "$NSA" link set "$VA" up && ip -n "$NSB" link set "$VB" up
}
# N UDP datagrams from the server namespace to the customer's port 5060 (no ping here).
send_udp() {
    ip netns exec "$NSB" python3 -c "import socket,time
s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
for i in range($1): s.sendto(b'x'*20,('10.77.0.1',5060)); time.sleep(0.05)"
}
if ! setup_ns >/dev/null 2>&1; then echo "FAIL - namespaces and veth could not be set up"; FAIL=1; finish; fi
echo "ok   - namespaces $NSA / $NSB with veth $VA <-> $VB"; PASS=$((PASS+1))

# SIPp plays pcap/g711a.pcap relative to its working directory.
mkdir -p "$WORK/sipp/pcap" && cp /usr/share/sip-tester/*.pcap "$WORK/sipp/pcap/"
chmod 0755 "$WORK"

# ---- 1. a real call, captured live ----
ip netns exec "$NSA" "$BIN" live --no-tui -i "$VA" --server 10.77.0.2 --duration 14 \
    -w "$WORK/out.pcapng" --format json --out "$WORK/live.json" 2>"$WORK/live.err" &
VX=$!; PIDS+=("$VX")
( sleep 60; kill -9 "$VX" 2>/dev/null ) & PIDS+=($!)
sleep 1.5
(cd "$WORK/sipp" && ip netns exec "$NSB" timeout 30 sipp -sn uas -i 10.77.0.2 -p 5080 -m 1 -nostdin \
    -trace_err -bg >/dev/null 2>&1)
(cd "$WORK/sipp" && ip netns exec "$NSA" timeout 30 sipp -sn uac_pcap 10.77.0.2:5080 -i 10.77.0.1 -p 5060 \
    -mp 40000 -m 1 -nostdin -trace_stat >"$WORK/uac.out" 2>&1) &
UAC=$!; PIDS+=("$UAC")
sleep 3
# privileges, read while it runs (every thread)
STATUS=$(cat /proc/$VX/task/*/status 2>/dev/null)
check "vxdiag is running during the call" kill -0 "$VX"
check "every thread runs as an unprivileged uid (not 0)" \
    bash -c "echo '$STATUS' | awk '/^Uid:/ { for (i=2;i<=5;i++) if (\$i==0) bad=1; n++ } END { exit (n>0 && !bad) ? 0 : 1 }'"
check "every thread has CapEff/CapPrm = 0" \
    bash -c "echo '$STATUS' | awk '/^Cap(Eff|Prm):/ { n++; if (\$2 != \"0000000000000000\") bad=1 } END { exit (n>0 && !bad) ? 0 : 1 }'"
check "stderr says it dropped privileges" grep -q "running as nobody" "$WORK/live.err"
wait "$UAC"
check "SIPp call completed" grep -q "Successful call" "$WORK/uac.out"
wait "$VX"; RC=$?
check "vxdiag live exited 0 after --duration" test "$RC" = 0
check "live JSON report written" test -s "$WORK/live.json"
check "-w file written" test -s "$WORK/out.pcapng"

PY="python3 $HERE/live_checks.py"
check "live: one answered INVITE call seen" $PY call "$WORK/live.json"
check "live: the call's RTP stream (customer -> server, G.711) seen with packets" $PY rtp "$WORK/live.json"
check "live: findings reported (one-way audio: the UAS sends no RTP)" $PY findings "$WORK/live.json"
check "live: inputs name the -w file and count its packets" $PY inputs "$WORK/live.json" "$WORK/out.pcapng"
check "live: no capture drops in a quiet run" $PY nodrops "$WORK/live.json"

"$BIN" report --server 10.77.0.2 --format json --out "$WORK/offline.json" "$WORK/out.pcapng" 2>/dev/null
check "offline report of the -w file agrees (calls, streams packets/lost, findings, frames)" \
    $PY agree "$WORK/live.json" "$WORK/offline.json"
if command -v tshark >/dev/null; then
    check "tshark reads the -w pcapng" bash -c "tshark -r '$WORK/out.pcapng' -q 2>&1 | grep -qv 'appears to be damaged'"
fi

# ---- 2. ring overrun on purpose: a tiny ring, a flood at top speed ----
python3 "$(dirname "$0")/../../bench/gen_flood.py" "$WORK/flood.pcap" 4000 10.77.0.2   # ~60 000 packets, addresses of the test namespaces
ip netns exec "$NSA" "$BIN" live --no-tui -i "$VA" --all-traffic --ring-slots 16 --duration 6 \
    --format json --out "$WORK/flood.json" 2>"$WORK/flood.err" &
VX=$!; PIDS+=("$VX")
( sleep 60; kill -9 "$VX" 2>/dev/null ) & PIDS+=($!)
sleep 1.5
ip netns exec "$NSB" timeout 30 tcpreplay -i "$VB" -t "$WORK/flood.pcap" >"$WORK/replay.out" 2>&1
wait "$VX"; RC=$?
check "flood run exited 0" test "$RC" = 0
check "ring overrun reported as a capture_problem finding mentioning drops" $PY ringdrops "$WORK/flood.json"
check "stderr summary counts ring drops" grep -Eq "ring [1-9][0-9]*" "$WORK/flood.err"

# ---- 3. -C rotation: the saved files together agree with the live report ----
ip netns exec "$NSA" "$BIN" live --no-tui -i "$VA" --all-traffic --duration 6 \
    -w "$WORK/rot.pcapng" -C 1 --format json --out "$WORK/rot.json" 2>"$WORK/rot.err" &
VX=$!; PIDS+=("$VX")
( sleep 60; kill -9 "$VX" 2>/dev/null ) & PIDS+=($!)
sleep 1.5
ip netns exec "$NSB" timeout 30 tcpreplay -i "$VB" --pps 10000 "$WORK/flood.pcap" >/dev/null 2>&1
wait "$VX"; RC=$?
check "rotation run exited 0 and kept CAP_DAC_OVERRIDE only for rotation" \
    bash -c "test $RC = 0 && grep -q 'except CAP_DAC_OVERRIDE' '$WORK/rot.err'"
check "-C 1 rotated the -w file (FILE, FILE.1, FILE.2 ...)" test -s "$WORK/rot.pcapng.2"
FILES=$(ls "$WORK"/rot.pcapng* | sort -V)
"$BIN" report --format json --out "$WORK/rot-off.json" $FILES 2>/dev/null
check "rotated files: per-file packets, calls and streams agree with the live report" \
    bash -c "$PY rotated '$WORK/rot.json' '$WORK/rot-off.json' && $PY agree '$WORK/rot.json' '$WORK/rot-off.json'"

# ---- 4. SIGINT stops cleanly and still writes the report and the file ----
ip netns exec "$NSA" "$BIN" live --no-tui -i "$VA" --server 10.77.0.2 -w "$WORK/int.pcapng" \
    --format json --out "$WORK/int.json" 2>"$WORK/int.err" &
VX=$!; PIDS+=("$VX")
( sleep 30; kill -9 "$VX" 2>/dev/null ) & PIDS+=($!)
sleep 1; send_udp 5; sleep 0.5
kill -INT "$VX"; wait "$VX"; RC=$?
check "SIGINT: exit 0, report and pcapng written" bash -c "test $RC = 0 && test -s '$WORK/int.json' && test -s '$WORK/int.pcapng'"
"$BIN" report --format json --out "$WORK/int-off.json" "$WORK/int.pcapng" 2>/dev/null
check "SIGINT: the saved file is complete (offline packets = live packets)" $PY samepackets "$WORK/int.json" "$WORK/int-off.json"

# ---- 5. --count stops after N packets ----
ip netns exec "$NSA" "$BIN" live --no-tui -i "$VA" --all-traffic --count 5 --duration 20 \
    --format json --out "$WORK/count.json" 2>/dev/null &
VX=$!; PIDS+=("$VX")
sleep 1; send_udp 20
wait "$VX"
check "--count 5: exactly 5 packets analysed" $PY packets "$WORK/count.json" 5

# ---- 6. errors are explained ----
OUT=$(ip netns exec "$NSA" "$BIN" live --no-tui -i nosuchif0 --duration 1 2>&1)
check "unknown interface: clear error, exit 2" bash -c "echo '$OUT' | grep -q 'nosuchif0' && ! ip netns exec $NSA $BIN live --no-tui -i nosuchif0 --duration 1 2>/dev/null"
OUT=$(ip netns exec "$NSA" setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
      "$BIN" live --no-tui -i "$VA" --duration 1 2>&1)
check "no permission: says to run as root or setcap cap_net_raw" bash -c "echo \"\$0\" | grep -q 'setcap cap_net_raw'" "$OUT"

finish
