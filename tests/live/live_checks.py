#!/usr/bin/env python3
"""live_checks.py — assertions on vxdiag JSON reports for run_live_tests.sh.
Usage: live_checks.py CHECK FILE [FILE|N]; exit 0 when the check holds, 1 otherwise
(a reason on stderr)."""
import json
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def invite_calls(r):
    return [c for c in r["calls"] if c.get("state") == "answered"]


def check_call(r):
    calls = invite_calls(r)
    if len(calls) != 1:
        fail(f"answered calls: {len(calls)} (all: {[c.get('state') for c in r['calls']]})")
    c = calls[0]
    if c.get("final_status") != 200 or c.get("sip_messages", 0) < 5:
        fail(f"call looks incomplete: {c}")


def check_rtp(r):
    call = invite_calls(r)[0]
    streams = [s for s in r["rtp_streams"] if s.get("call_id") == call["call_id"]]
    ok = [s for s in streams if s["src"].startswith("10.77.0.1:") and s["dst"].startswith("10.77.0.2:")
          and s["packets"] > 100 and s.get("codec") in ("PCMA", "PCMU")]
    if not ok:
        fail(f"no customer->server G.711 stream with packets tied to the call: {streams}")


def check_findings(r):
    kinds = {f["kind"] for f in r["findings"]}
    if not kinds & {"one_way_audio", "no_rtp"}:
        fail(f"expected a one_way_audio/no_rtp finding, got {sorted(kinds)}")


def check_inputs(r, pcapng):
    ins = r["inputs"]
    if len(ins) != 1 or ins[0]["file"] != pcapng or ins[0]["packets"] < 100:
        fail(f"inputs: {ins}")


def drop_findings(r):
    return [f for f in r["findings"] if f["kind"] == "capture_problem" and "drop" in (f["summary"] + f["detail"]).lower()]


def check_nodrops(r):
    if drop_findings(r):
        fail(f"unexpected drop findings: {drop_findings(r)}")


def check_ringdrops(r):
    fs = drop_findings(r)
    if not fs or not any("ring" in f["summary"] for f in fs):
        fail(f"no ring-drop capture_problem finding: {[f['summary'] for f in r['findings']]}")
    import re
    m = re.search(r"vxdiag ring (\d+)", fs[0]["summary"])
    if not m or int(m.group(1)) == 0:
        fail(f"ring drop count not above zero: {fs[0]['summary']}")


def call_key(c):
    return (c["call_id"], c["state"], c.get("final_status"), c["sip_messages"], c["retransmissions"])


def stream_key(s):
    return (s["src"], s["dst"], s["ssrc"], s["packets"], s["expected"], s["lost"], s.get("call_id"))


def finding_key(f):
    ev = tuple(e["frame"] for e in f.get("evidence", []))
    return (f["id"], f["kind"], f["severity"], f.get("call_id"), ev)


def check_agree(live, off):
    for name, key, field in (("calls", call_key, "calls"), ("streams", stream_key, "rtp_streams"),
                             ("findings", finding_key, "findings")):
        a = sorted(map(key, live[field]), key=repr)
        b = sorted(map(key, off[field]), key=repr)
        if a != b:
            fail(f"{name} differ:\n live    {a}\n offline {b}")
    if live["inputs"][0]["packets"] != off["inputs"][0]["packets"]:
        fail("packet counts differ")


def total_packets(r):
    return sum(i["packets"] for i in r["inputs"])


def check_rotated(live, off):
    if len(live["inputs"]) < 2:
        fail(f"live report names {len(live['inputs'])} files")
    if [i["packets"] for i in live["inputs"]] != [i["packets"] for i in off["inputs"]]:
        fail(f"per-file packets differ: {[i['packets'] for i in live['inputs']]} vs {[i['packets'] for i in off['inputs']]}")


def check_samepackets(live, off):
    if total_packets(live) != total_packets(off) or total_packets(live) == 0:
        fail(f"live {total_packets(live)} vs offline {total_packets(off)}")


def main():
    check, args = sys.argv[1], sys.argv[2:]
    r = load(args[0])
    if check == "call": check_call(r)
    elif check == "rtp": check_rtp(r)
    elif check == "findings": check_findings(r)
    elif check == "inputs": check_inputs(r, args[1])
    elif check == "nodrops": check_nodrops(r)
    elif check == "ringdrops": check_ringdrops(r)
    elif check == "agree": check_agree(r, load(args[1]))
    elif check == "rotated": check_rotated(r, load(args[1]))
    elif check == "samepackets": check_samepackets(r, load(args[1]))
    elif check == "packets":
        if total_packets(r) != int(args[1]): fail(f"packets {total_packets(r)} != {args[1]}")
    else: fail(f"unknown check {check}")


if __name__ == "__main__":
    main()
