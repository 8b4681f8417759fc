#!/bin/bash
# run_core_tests.sh BINARY — call states, registrations and symmetric-RTP matching on
# synthetic captures whose truth is known by construction (tests/core/gen_core.py).
set -u
BIN=$(realpath "${1:?usage: run_core_tests.sh BINARY}")
cd "$(dirname "$0")/../.."
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
python3 tests/core/gen_core.py "$T" || { echo "FAIL generator"; echo "0 passed, 1 failed"; exit 1; }
for c in states register nat_rtp; do
    timeout 30 "$BIN" report --format json --no-progress --profile samples/lab.profile "$T/$c.pcap" >"$T/$c.json" 2>"$T/$c.err" \
        || echo "FAIL $c: exit $? $(head -c 200 "$T/$c.err")"
done
python3 - "$T" <<'PY'
import json, os, sys
T = sys.argv[1]
passed = failed = 0
def check(name, cond, why=""):
    global passed, failed
    if cond: passed += 1; print("ok", name)
    else: failed += 1; print("FAIL", name, why)
def load(n):
    try: return json.load(open(os.path.join(T, n + ".json")))
    except Exception as e: return {"calls": [], "registrations": [], "rtp_streams": [], "error": str(e)}
r = load("states")
calls = {c["call_id"].split("@")[0]: c for c in r["calls"]}
want = {"rej": ("rejected", 486), "can": ("cancelled", 487), "fail": ("failed", 503),
        "noans": ("unanswered", None), "ok": ("answered", 200), "ring": ("in_progress", None)}
for cid, (state, status) in want.items():
    c = calls.get(cid, {})
    check(f"call {cid} is {state} ({status})", c.get("state") == state and c.get("final_status") == status,
          f"got {c.get('state')} {c.get('final_status')}")
c = calls.get("noans", {})
check("unanswered INVITE: 3 retransmissions counted", c.get("retransmissions") == 3, str(c.get("retransmissions")))
c = calls.get("ok", {})
check("post-dial delay = 180 Ringing - INVITE = 1250 ms", abs((c.get("post_dial_delay_ms") or 0) - 1250) < 1,
      str(c.get("post_dial_delay_ms")))
check("answer time = 200 OK time", c.get("answer") and abs(c["answer"] - c["start"] - 3.0) < 1e-3, str(c))
check("out direction (started by the customer side)", c.get("direction") == "out")
inv = r.get("counters", {}).get("sip_methods", {}).get("INVITE", {})
check("SIP traffic by method: 6 INVITEs, 3 retransmitted copies, 1 never answered",
      inv == {"requests": 6, "retransmissions": 3, "unanswered": 1}, str(inv))
kinds = {f["kind"] for f in r["findings"]}
check("the unanswered INVITE raises outbound_unanswered", "outbound_unanswered" in kinds, str(kinds))
r = load("register")
regs = r["registrations"]
check("one registration binding", len(regs) == 1, str(len(regs)))
g = regs[0] if regs else {}
check("401 counted as a challenge, 403 as a failure", g.get("challenges") == 1 and g.get("failures") == 1, str(g))
check("second 2xx counted as a refresh, granted expiry 600", g.get("refreshes") == 1 and g.get("expires") == 600, str(g))
check("history: 4 attempts with the NAT mapping the server saw",
      len(g.get("history", [])) == 4 and g["history"][1].get("received") == "203.0.113.7", str(g.get("history")))
r = load("nat_rtp")
by_ssrc = {s["ssrc"]: s for s in r["rtp_streams"]}
for ssrc in ("0x00003333", "0x00004444"):
    s = by_ssrc.get(ssrc, {})
    check(f"stream {ssrc} tied to the call through NAT (symmetric RTP)",
          s.get("call_id") == "nat@lab" and s.get("found_by") == "sdp_via_nat", f"{s.get('call_id')} {s.get('found_by')}")
s = by_ssrc.get("0x00003333", {})
rr, xr = s.get("rtcp") or {}, s.get("rtcp_xr") or {}
check("RTCP RR about the stream: fraction lost 13/256, cumulative 7, jitter 80 units = 10 ms",
      abs(rr.get("fraction_lost_pct", -1) - 5.08) < 0.01 and rr.get("cumulative_lost") == 7 and abs(rr.get("jitter_ms", -1) - 10.0) < 1e-6, str(rr))
check("RTCP XR VoIP metrics: loss 26/256, round trip 45 ms, MOS-LQ 4.1",
      abs(xr.get("loss_pct", -1) - 10.16) < 0.01 and xr.get("rtt_ms") == 45 and xr.get("mos_lq") == 4.1, str(xr))
s = by_ssrc.get("0x00005555", {})
check("an unrelated stream on the same port is not tied to the call", s.get("call_id") is None, str(s.get("call_id")))
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
