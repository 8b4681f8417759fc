#!/bin/bash
# run_hep_tests.sh — HEP v3 export (`--hep udp:HOST:PORT|tcp:HOST:PORT`) against real
# decoders on loopback only:
#   - Kamailio's sipcapture module (a HEP collector used with Homer) decodes what vxdiag
#     sends: the SIP methods / status codes, Call-IDs and source address:port it hands to its
#     routing script must equal what tshark reads from the sample capture itself;
#   - an independent Python collector (tests/hep/hep_collect.py) checks the framing of every
#     packet and every chunk (addresses, ports, timestamps, payload type, agent id) over UDP
#     and TCP, and RTCP export (payload type 5, bytes unchanged).
# (tshark 4.0 in Debian 12 has no HEP dissector, hence Kamailio.)
# Usage: tests/hep/run_hep_tests.sh ./vxdiag
set -u
BIN=$(readlink -f "${1:-./vxdiag}")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SAMPLE="$ROOT/samples/clean-lan.pcap"
PASS=0; FAIL=0
check() {
    local name=$1; shift
    if "$@" >/dev/null 2>&1; then echo "ok   - $name"; PASS=$((PASS+1)); else echo "FAIL - $name"; FAIL=$((FAIL+1)); fi
}
WORK=$(mktemp -d /tmp/vxhep.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=$((20000 + $$ % 20000))

# What the sample holds, read by tshark: one line per SIP message.
tshark -r "$SAMPLE" -Y sip -T fields -E separator=' ' -e sip.Method -e sip.Status-Code -e sip.Call-ID \
    -e ip.src -e udp.srcport -e ip.dst -e udp.dstport -e frame.time_epoch 2>/dev/null >"$WORK/truth.txt"
check "tshark reads SIP from the sample" test -s "$WORK/truth.txt"

# ---- 1. Kamailio sipcapture as the collector (UDP) ----
if command -v kamailio >/dev/null; then
    MODS=$(dirname "$(find /usr/lib -name sipcapture.so -path '*kamailio*' 2>/dev/null | head -1)")
    mkdir -p "$WORK/kdb"
    cat >"$WORK/k.cfg" <<EOF
#!KAMAILIO
debug=2
log_stderror=yes
children=1
disable_tcp=yes
listen=udp:127.0.0.1:$PORT
mpath="$MODS/"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "db_text.so"
loadmodule "sipcapture.so"
modparam("sipcapture", "db_url", "text://$WORK/kdb")
modparam("sipcapture", "hep_capture_on", 1)
request_route { xlog("L_ALERT", "HEPSIP \$rm \$ci \$si:\$sp\n"); drop; }
onreply_route { xlog("L_ALERT", "HEPSIP \$rs \$ci \$si:\$sp\n"); drop; }
EOF
    timeout 20 kamailio -f "$WORK/k.cfg" -DD -E >"$WORK/kam.log" 2>&1 &
    KAM=$!; PIDS+=("$KAM")
    for _ in $(seq 50); do grep -aq "udp: 127.0.0.1:$PORT" "$WORK/kam.log" && break; sleep 0.1; done
    sleep 0.5
    "$BIN" report --hep "udp:127.0.0.1:$PORT" --format json --out "$WORK/r.json" "$SAMPLE" 2>"$WORK/vx.err"
    check "vxdiag report --hep udp: exit 0" test $? = 0
    sleep 1; kill "$KAM" 2>/dev/null; wait "$KAM" 2>/dev/null
    grep -a "HEPSIP" "$WORK/kam.log" | sed 's/.*HEPSIP //' >"$WORK/kam.txt"
    # truth lines: "METHOD CALLID SRC SPORT ..." or "STATUS CALLID SRC SPORT ..."
    awk '{print $1, $2, $3":"$4}' "$WORK/truth.txt" >"$WORK/truth-kam.txt"
    check "Kamailio decoded every SIP message (same count as tshark: $(wc -l <"$WORK/truth.txt"))" \
        test "$(wc -l <"$WORK/kam.txt")" = "$(wc -l <"$WORK/truth.txt")"
    check "Kamailio's methods/status codes, Call-IDs and sources equal tshark's, in order" \
        diff "$WORK/kam.txt" "$WORK/truth-kam.txt"
    check "Kamailio reported no HEP parsing errors" bash -c "! grep -aiE 'hep.*(error|invalid|bad)' '$WORK/kam.log'"
else
    echo "SKIP: kamailio not installed — the real-collector check was NOT RUN"
fi

# ---- 2. independent collector over UDP: every chunk ----
python3 "$HERE/hep_collect.py" udp 127.0.0.1 "$PORT" 4 "$WORK/udp.jsonl" &
PIDS+=($!); sleep 0.5
"$BIN" report --hep "udp:127.0.0.1:$PORT" --hep-id 77 --format json --out "$WORK/r2.json" "$SAMPLE" 2>/dev/null
wait "${PIDS[-1]}"
check "UDP: every HEP3 packet well framed, chunks and addresses equal tshark's, agent id 77" \
    python3 - "$WORK/udp.jsonl" "$WORK/truth.txt" 77 <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
truth = [l.split() for l in open(sys.argv[2])]
assert recs and len(recs) == len(truth), (len(recs), len(truth))
for r, t in zip(recs, truth):
    assert "error" not in r, r
    first = r["payload"].split("\r\n", 1)[0]
    want = t[0] if not t[0].isdigit() else "SIP/2.0 " + t[0]
    assert first.startswith(want) or first.startswith("SIP/2.0 " + t[0]), (first, t)
    assert ("Call-ID: " + t[1]) in r["payload"] or ("i: " + t[1]) in r["payload"], t[1]
    assert r["src"] == f"{t[2]}:{t[3]}" and r["dst"] == f"{t[4]}:{t[5]}", (r["src"], r["dst"], t)
    assert r["family"] == 2 and r["ipproto"] == 17 and r["proto_type"] == 1, r
    assert r["agent"] == int(sys.argv[3]), r["agent"]
    sec, frac = t[6].split(".")
    assert abs(r["ts"] - (int(sec) + int(frac[:6]) / 1e6)) < 2e-6, (r["ts"], t[6])
EOF

# ---- 3. TCP: the same packets, framed on a stream ----
python3 "$HERE/hep_collect.py" tcp 127.0.0.1 "$PORT" 4 "$WORK/tcp.jsonl" &
PIDS+=($!); sleep 0.5
"$BIN" report --hep "tcp:127.0.0.1:$PORT" --hep-id 77 --format json --out "$WORK/r3.json" "$SAMPLE" 2>/dev/null
wait "${PIDS[-1]}"
check "TCP: the stream carries the same HEP packets as UDP, framing intact" \
    python3 -c "
import json,sys
u=[json.loads(l) for l in open('$WORK/udp.jsonl')]; t=[json.loads(l) for l in open('$WORK/tcp.jsonl')]
assert t and t == u, (len(t), len(u))"

# ---- 4. RTCP: payload type 5, the bytes unchanged ----
python3 - "$WORK/rtcp.pcap" <<'EOF'
import struct, sys
def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b)); s = (s >> 16) + (s & 0xffff); s += s >> 16
    return ~s & 0xffff
def frame(src, dst, sport, dport, payload):
    udp = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes(src), bytes(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return b"\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x08\x00" + ip + udp
out = open(sys.argv[1], "wb")
out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
for i in range(3):
    # SR from SSRC 0x11223344 with one report block
    sr = struct.pack("!BBHIIIIII", 0x81, 200, 12, 0x11223344, 0xe0000000 + i, 0, 160 * i, i, 160 * i)
    sr += struct.pack("!IIIIII", 0x55667788, 0x01000002, 100 + i, 5, 0, 0)
    f = frame([10, 0, 0, 5], [35, 79, 95, 220], 40001, 12001, sr)
    out.write(struct.pack("<IIII", 1700000000 + i, 0, len(f), len(f)) + f)
EOF
python3 "$HERE/hep_collect.py" udp 127.0.0.1 "$PORT" 3 "$WORK/rtcp.jsonl" &
PIDS+=($!); sleep 0.5
"$BIN" report --hep "udp:127.0.0.1:$PORT" --format json --out "$WORK/r4.json" "$WORK/rtcp.pcap" 2>/dev/null
wait "${PIDS[-1]}"
check "RTCP exported as HEP payload type 5 with the original bytes (3 SR packets)" \
    python3 -c "
import json
r=[json.loads(l) for l in open('$WORK/rtcp.jsonl')]
assert len(r)==3 and all(x['proto_type']==5 and x['src']=='10.0.0.5:40001' and x['dst']=='35.79.95.220:12001' for x in r), r
p=r[0]['payload'].encode('latin-1'); assert p[:2]==b'\x81\xc8' and len(p)==52, p"

# ---- 5. errors ----
"$BIN" report --hep "bogus" --format json --out "$WORK/x.json" "$SAMPLE" 2>"$WORK/bad.err"
check "a malformed --hep target: exit 2 and says the expected form" \
    bash -c "test $? = 2 && grep -q 'udp:HOST:PORT' '$WORK/bad.err'"
"$BIN" report --hep "tcp:127.0.0.1:1" --format json --out "$WORK/x.json" "$SAMPLE" 2>"$WORK/conn.err"
check "an unreachable TCP collector: exit 2, says it cannot connect" \
    bash -c "test $? = 2 && grep -q 'cannot connect' '$WORK/conn.err'"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
