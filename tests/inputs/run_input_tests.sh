#!/bin/bash
# run_input_tests.sh BINARY — every input form gives the same analysis as the plain pcap:
# gzip, standard input, nanosecond pcap, pcapng, a capture split in two files (merged by
# time), pcapng with two interfaces of different link types, a directory analysed in
# parallel, and `vxdiag merge`. Variants are made with Wireshark's editcap/mergecap.
set -u
BIN=$(realpath "${1:?usage: run_input_tests.sh BINARY}")
cd "$(dirname "$0")/../.."
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
P="--profile samples/lab.profile --no-progress"
S=samples/loss-lan.pcap

# The figures that must not depend on the input form.
summary() {
    python3 -c '
import json, sys
r = json.load(sys.stdin)
calls = sorted((c["call_id"], c["state"], c["sip_messages"]) for c in r["calls"])
streams = sorted((s["src"], s["dst"], s["ssrc"], s["packets"], s["lost"], s["max_jitter_ms"]) for s in r["rtp_streams"])
finds = sorted(f["id"] for f in r["findings"])
print(json.dumps([calls, streams, finds, sum(i["packets"] for i in r["inputs"])]))'
}
same() {   # name, reference summary, command...
    local name=$1 ref=$2; shift 2
    local got
    got=$("$@" 2>"$T/err" | summary 2>>"$T/err")
    if [ "$got" = "$ref" ] && [ -n "$got" ]; then ok "$name"; else bad "$name" "differs: $(head -c 300 "$T/err") ${got:0:200}"; fi
}

if ! command -v editcap >/dev/null || ! command -v mergecap >/dev/null; then
    echo "SKIP: editcap/mergecap (package wireshark-common / tshark) not installed: input variants NOT checked"
    echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
REF=$("$BIN" report --format json $P "$S" | summary)
[ -n "$REF" ] && ok "reference report of $S" || bad "reference report" "no output"

gzip -c "$S" >"$T/c.pcap.gz"
same "gzip-compressed pcap" "$REF" "$BIN" report --format json $P "$T/c.pcap.gz"
same "standard input" "$REF" sh -c "\"$BIN\" report --format json $P - < \"$S\""
same "gzip on standard input" "$REF" sh -c "\"$BIN\" report --format json $P - < \"$T/c.pcap.gz\""
editcap -F nsecpcap "$S" "$T/ns.pcap" && same "nanosecond pcap" "$REF" "$BIN" report --format json $P "$T/ns.pcap"
editcap -F pcapng "$S" "$T/c.pcapng" && same "pcapng" "$REF" "$BIN" report --format json $P "$T/c.pcapng"
gzip -c "$T/c.pcapng" >"$T/c.pcapng.gz" && same "gzip-compressed pcapng" "$REF" "$BIN" report --format json $P "$T/c.pcapng.gz"

# Rotated capture: two files, given in the wrong order, read as one timeline.
editcap -c 120 "$S" "$T/part.pcap" >/dev/null
parts=$(ls "$T"/part*.pcap | sort -r)
# shellcheck disable=SC2086
same "split capture merged by time" "$REF" "$BIN" report --format json $P $parts

# pcapng with two interfaces: the Ethernet capture plus a Linux-cooked (SLL) copy of other traffic.
python3 - "$T/sll.pcap" <<'PY'
import struct, sys
# one SLL frame carrying a UDP datagram between two unrelated hosts (not VoiceX)
ip = bytes.fromhex("450000210001000040110000c0000201c0000202") + bytes.fromhex("30393039000d0000") + b"hello"
sll = struct.pack(">HHH8sH", 0, 1, 6, b"\x00" * 8, 0x0800)
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 113))
    rec = sll + ip
    f.write(struct.pack("<IIII", 1800000000, 0, len(rec), len(rec)) + rec)
PY
mergecap -F pcapng -w "$T/two.pcapng" "$S" "$T/sll.pcap"
got=$("$BIN" report --format json $P "$T/two.pcapng" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(r["inputs"][0]["packets"], len(r["calls"]), sorted(s["packets"] for s in r["rtp_streams"]))')
want=$("$BIN" report --format json $P "$S" | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(r["inputs"][0]["packets"] + 1, len(r["calls"]), sorted(s["packets"] for s in r["rtp_streams"]))')
[ "$got" = "$want" ] && ok "pcapng with Ethernet and SLL interfaces" || bad "pcapng with two link types" "$got vs $want"

# A directory: every capture in parallel, merged; and the same through `vxdiag merge`.
mkdir "$T/dir"; cp samples/clean-lan.pcap samples/loss-lan.pcap samples/one-way-lan.pcap "$T/dir/"
"$BIN" report --format json $P --jobs 2 "$T/dir" >"$T/dir.json" 2>"$T/err"
for f in clean-lan loss-lan one-way-lan; do "$BIN" report --format json $P "samples/$f.pcap" >"$T/$f.json"; done
"$BIN" merge "$T/clean-lan.json" "$T/loss-lan.json" "$T/one-way-lan.json" >"$T/merged.json"
check_dir=$(python3 - "$T/dir.json" "$T/merged.json" "$T/clean-lan.json" "$T/loss-lan.json" "$T/one-way-lan.json" <<'PY'
import json, sys
d, m = (json.load(open(p)) for p in sys.argv[1:3])
parts = [json.load(open(p)) for p in sys.argv[3:]]
problems = []
for name, r in (("dir", d), ("merge", m)):
    if len(r["inputs"]) != 3: problems.append(f"{name}: {len(r['inputs'])} inputs")
    if len(r["calls"]) != sum(len(p["calls"]) for p in parts): problems.append(f"{name}: calls")
    if len(r["findings"]) != sum(len(p["findings"]) for p in parts): problems.append(f"{name}: findings")
    ids = [s["id"] for s in r["rtp_streams"]]
    if len(set(ids)) != len(ids): problems.append(f"{name}: stream ids not unique")
    refs = {x for c in r["calls"] for x in c["rtp_streams"]}
    if not refs <= set(ids): problems.append(f"{name}: dangling stream references")
    if r["counters"]["rtp_packets"] != sum(p["counters"]["rtp_packets"] for p in parts): problems.append(f"{name}: counters")
print("; ".join(problems))
PY
)
[ -z "$check_dir" ] && ok "directory report (parallel) and merge agree with the per-file reports" || bad "directory/merge" "$check_dir"
"$BIN" report $P "$T/dir" >/dev/null 2>&1; [ $? -eq 2 ] && ok "directory without --format json is refused (exit 2)" || bad "directory text" "not refused"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
