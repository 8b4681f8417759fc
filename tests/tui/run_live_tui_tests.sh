#!/usr/bin/env bash
# run_live_tui_tests.sh BINARY — the TUI on live traffic (root only: network namespaces).
# Two namespaces joined by a veth pair: vxlivetui-$$-a (10.78.0.1, the customer) and
# vxlivetui-$$-b (10.78.0.2, the "VoiceX server"). `vxdiag live -i VETH` runs in tmux inside
# the customer namespace while a real SIPp call (uac_pcap -> uas, ~8 s of G.711 RTP) crosses
# the veth. While the call runs: the header shows LIVE and a packet count that grows, the
# call list shows the call, Enter opens its ladder with the INVITE, a resize to 80x24 keeps
# header and key bar; after the call: the streams screen shows its RTP, Q exits 0 and the
# --out JSON report has the call and its stream. NO_COLOR is set: no colour escapes. Under
# an ASan build stderr is checked for sanitizer reports. No traffic leaves the namespaces.
# Prints one line per check, then "N passed, M failed".
set -u
BIN=$(readlink -f "${1:?usage: run_live_tui_tests.sh BINARY}")
PASS=0 FAIL=0
ok()  { PASS=$((PASS + 1)); echo "PASS: $1"; }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    | /' | head -45; }
finish() { echo "$PASS passed, $FAIL failed"; [ "$FAIL" -eq 0 ]; exit $?; }

if [ "$(id -u)" != 0 ]; then
    echo "SKIP: live TUI tests need root (network namespaces, veth, capture) — NOT RUN"
    echo "0 passed, 0 failed"; exit 0
fi
for t in sipp tmux python3 ip timeout; do
    command -v $t >/dev/null || { echo "SKIP: $t is not installed — NOT RUN"; echo "0 passed, 0 failed"; exit 0; }
done

NSA=vxlivetui-$$-a; NSB=vxlivetui-$$-b
VA=vlta$$; VB=vltb$$
SOCK=vxlivetui-$$
SESSION=live
WORK=$(mktemp -d /tmp/vxlivetui.XXXXXX)
PIDS=()
cleanup() {
    tmux -L "$SOCK" kill-server >/dev/null 2>&1
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    ip netns del "$NSA" 2>/dev/null; ip netns del "$NSB" 2>/dev/null
    if [ -n "${KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1

T() { tmux -L "$SOCK" "$@"; }
screen() { T capture-pane -p -t "$SESSION" 2>/dev/null; }
screen_e() { T capture-pane -p -e -t "$SESSION" 2>/dev/null; }
keys() { T send-keys -t "$SESSION" "$@"; sleep 0.4; }
wait_for() {   # wait_for TEXT SECONDS : polls the pane until TEXT (fixed string) shows
    local deadline=$((SECONDS + ${2:-5}))
    while [ $SECONDS -le $deadline ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1
    done
    return 1
}
expect() {     # expect NAME TEXT... : every TEXT is on screen (retried for a few ticks)
    local name=$1; shift
    local s deadline=$((SECONDS + 3))
    while :; do
        s=$(screen)
        local missing=""
        for want in "$@"; do grep -qF -- "$want" <<<"$s" || { missing=$want; break; }; done
        [ -z "$missing" ] && { ok "$name"; return 0; }
        [ $SECONDS -ge $deadline ] && { bad "$name (missing: $missing)" "$s"; return 1; }
        sleep 0.25
    done
}
packets() { screen | head -1 | sed -n 's/.*LIVE [^ ]* \([0-9][0-9]*\) pkts.*/\1/p'; }

setup_ns() {
    ip netns add "$NSA" && ip netns add "$NSB" &&
    ip link add "$VA" netns "$NSA" type veth peer name "$VB" netns "$NSB" &&
    ip -n "$NSA" addr add 10.78.0.1/24 dev "$VA" && ip -n "$NSB" addr add 10.78.0.2/24 dev "$VB" &&
    ip -n "$NSA" link set lo up && ip -n "$NSB" link set lo up &&
    ip -n "$NSA" link set "$VA" up && ip -n "$NSB" link set "$VB" up
}
if ! setup_ns >/dev/null 2>&1; then bad "namespaces and veth could not be set up"; finish; fi
ok "namespaces $NSA / $NSB with veth $VA <-> $VB"
mkdir -p "$WORK/sipp/pcap" && cp /usr/share/sip-tester/*.pcap "$WORK/sipp/pcap/"
chmod 0755 "$WORK"

# ---- vxdiag live with its TUI, in tmux, in the customer namespace ----
CMD="$(printf '%q ' timeout --foreground 120 ip netns exec "$NSA" env NO_COLOR=1 "$BIN" live -i "$VA" --server 10.78.0.2 \
      --format json --out "$WORK/live.json") 2>'$WORK/live.err'; echo \"VXDIAG-EXIT rc=\$?\"; sleep 60"
T new-session -d -s "$SESSION" -x 120 -y 40 "$CMD" || { bad "tmux session starts"; finish; }
if wait_for "LIVE $VA" 15; then ok "header shows LIVE and the interface"; else bad "header shows LIVE" "$(screen)"; finish; fi
keys c

# ---- a SIPp call with RTP while the TUI runs ----
(cd "$WORK/sipp" && ip netns exec "$NSB" timeout 40 sipp -sn uas -i 10.78.0.2 -p 5080 -m 1 -nostdin \
    -bg >/dev/null 2>&1)
(cd "$WORK/sipp" && ip netns exec "$NSA" timeout 40 sipp -sn uac_pcap 10.78.0.2:5080 -i 10.78.0.1 -p 5060 \
    -mp 40000 -m 1 -nostdin >"$WORK/uac.out" 2>&1) &
UAC=$!; PIDS+=("$UAC")
sleep 2.5

# during the call
if kill -0 "$UAC" 2>/dev/null; then ok "the SIPp call is still running during the next checks"; else bad "the SIPp call is still running"; fi
expect "call list shows the call while it runs" "Calls" "sip:service@10.78.0.2" "answered"
p1=$(packets); sleep 1.5; p2=$(packets)
if [ -n "$p1" ] && [ -n "$p2" ] && [ "$p2" -gt "$p1" ]; then ok "header packet count grows during the call ($p1 -> $p2)"
else bad "header packet count grows during the call ($p1 -> $p2)" "$(screen)"; fi
if screen | head -1 | grep -Eq "[0-9]+/s drops k0 i0 r0"; then ok "header shows packets/s and kernel/interface/ring drops"
else bad "header shows packets/s and drops" "$(screen | head -1)"; fi
keys Enter
expect "Enter opens the ladder with the INVITE during the call" "Ladder" "INVITE (SDP)" "200 OK" "10.78.0.1" "10.78.0.2"
keys Down Enter
expect "Enter on an arrow shows the raw message during the call" "Message" "SIP/2.0"
keys q q
T resize-window -t "$SESSION" -x 80 -y 24; sleep 0.8
s=$(screen)
if head -1 <<<"$s" | grep -qF "vxdiag | Calls" && head -1 <<<"$s" | grep -qF "LIVE" && tail -1 <<<"$s" | grep -qF "c:Calls"; then
    ok "resize to 80x24 redraws header (LIVE) and key bar"; else bad "resize to 80x24 redraws" "$s"; fi
T resize-window -t "$SESSION" -x 120 -y 40; sleep 0.5
if screen_e | grep -qE $'\e\\[(3[0-7]|4[0-7]|38;|48;)'; then bad "NO_COLOR: no colour escapes" "$(screen_e | head -3 | cat -v)"
else ok "NO_COLOR: no colour escapes"; fi

# after the call
wait "$UAC"
if grep -q "Successful call" "$WORK/uac.out"; then ok "SIPp call completed"; else bad "SIPp call completed" "$(tail -20 "$WORK/uac.out")"; fi
sleep 1
keys s
expect "streams screen shows the call's RTP after the call" "Streams" "s1" "10.78.0.1:40000" "PCMA"
keys c
expect "call list still shows the call after it ended" "sip:service@10.78.0.2"
keys Q
if wait_for "VXDIAG-EXIT rc=0" 20; then ok "Q stops capture and exits with status 0"; else bad "Q exits with status 0" "$(screen)"; fi
if python3 - "$WORK/live.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
calls = [c for c in r["calls"] if c.get("state") == "answered"]
assert calls, "no answered call"
assert any(s.get("packets", 0) > 100 and s.get("id") == "s1" for s in r["rtp_streams"]), "no RTP stream s1"
EOF
then ok "--out JSON report written with the answered call and its RTP"; else bad "--out JSON report has the call" "$(head -c 600 "$WORK/live.json" 2>&1)"; fi
if grep -q "packets analysed" "$WORK/live.err"; then ok "the capture summary is printed after the TUI closes"
else bad "capture summary on stderr" "$(cat "$WORK/live.err")"; fi
if grep -qE "ERROR: (Address|Leak|Thread)Sanitizer|runtime error:|SUMMARY: .*Sanitizer" "$WORK/live.err"; then
    bad "no sanitizer report" "$(head -40 "$WORK/live.err")"; else ok "no sanitizer report"; fi
T kill-session -t "$SESSION" >/dev/null 2>&1

# ---- Ctrl-C stops the TUI capture cleanly and still writes the report ----
# Ctrl-C goes to the whole foreground process group: the shell ignores it (as an
# interactive shell would) and timeout(1) is left out (it would forward a second SIGINT);
# a watchdog bounds vxdiag instead.
SESSION=intr
CMD="trap '' INT; $(printf '%q ' ip netns exec "$NSA" "$BIN" live -i "$VA" --server 10.78.0.2 \
      --format json --out "$WORK/int.json") 2>'$WORK/int.err'; echo \"VXDIAG-EXIT rc=\$?\"; sleep 60"
T new-session -d -s "$SESSION" -x 100 -y 30 "$CMD" || bad "tmux session starts (Ctrl-C)"
if wait_for "LIVE $VA" 15; then
    VXPID=$(pgrep -P "$(T display -p -t "$SESSION" '#{pane_pid}')" | head -1)
    [ -n "$VXPID" ] && { ( for _ in $(seq 60); do kill -0 "$VXPID" 2>/dev/null || exit 0; sleep 1; done
                           kill -9 "$VXPID" 2>/dev/null ) & PIDS+=($!); }
    keys f
    expect "findings screen renders during capture" "Findings"
    keys C-c
    if wait_for "VXDIAG-EXIT rc=0" 20 && python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$WORK/int.json" 2>/dev/null; then
        ok "Ctrl-C stops capture, exits 0 and writes the JSON report"
    else bad "Ctrl-C stops capture cleanly" "$(screen; cat "$WORK/int.err")"; fi
else bad "TUI came up (Ctrl-C run)" "$(screen)"; fi
T kill-session -t "$SESSION" >/dev/null 2>&1

# ---- --duration: capture ends by itself, the TUI stays on the final analysis ----
SESSION=dur
CMD="$(printf '%q ' timeout --foreground 60 ip netns exec "$NSA" "$BIN" live -i "$VA" --server 10.78.0.2 --duration 2) 2>'$WORK/dur.err'; echo \"VXDIAG-EXIT rc=\$?\"; sleep 60"
T new-session -d -s "$SESSION" -x 100 -y 30 "$CMD" || bad "tmux session starts (--duration)"
if wait_for "STOPPED $VA" 15; then ok "--duration: header turns STOPPED and the TUI stays open"; else bad "--duration: STOPPED" "$(screen)"; fi
keys q
if wait_for "VXDIAG-EXIT rc=0" 15; then ok "--duration: q on the top screen exits 0"; else bad "--duration: q exits 0" "$(screen)"; fi
if grep -qE "ERROR: (Address|Leak|Thread)Sanitizer|runtime error:|SUMMARY: .*Sanitizer" "$WORK/int.err" "$WORK/dur.err"; then
    bad "no sanitizer report (Ctrl-C, --duration runs)" "$(cat "$WORK/int.err" "$WORK/dur.err" | head -40)"
else ok "no sanitizer report (Ctrl-C, --duration runs)"; fi
finish
