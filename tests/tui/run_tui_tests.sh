#!/usr/bin/env bash
# run_tui_tests.sh BINARY — drives the real vxdiag TUI in a private tmux server and asserts on
# what the screen shows: call list, ladder arrows, raw message view, ALG highlighting with
# --wan, findings, streams, traffic, help, 80x24 resize, hostile text escaped, Japanese
# rendered, thousands of rows, non-terminal fallback. Under an ASan build every run's stderr
# is checked for sanitizer reports. Prints one line per check, then "N passed, M failed".
set -u
BIN=${1:?usage: run_tui_tests.sh BINARY}
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
PROFILE=samples/lab.profile
SOCK="vxtui-test-$$"
WORK=$(mktemp -d /tmp/vxtui-test.XXXXXX)
PASS=0 FAIL=0 SKIP=0
export LANG=C.UTF-8 LC_ALL=C.UTF-8
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1

cleanup() { tmux -L "$SOCK" kill-server >/dev/null 2>&1; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

ok()   { PASS=$((PASS + 1)); echo "PASS: $1"; }
bad()  { FAIL=$((FAIL + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    | /' | head -45; }
skip() { SKIP=$((SKIP + 1)); echo "SKIP: $1"; }

T() { tmux -L "$SOCK" "$@"; }
screen() { T capture-pane -p -t "$SESSION" 2>/dev/null; }
screen_e() { T capture-pane -p -e -t "$SESSION" 2>/dev/null; }
keys() { T send-keys -t "$SESSION" "$@"; sleep 0.25; }

# start NAME ARGS... : runs the binary in a new 120x40 session; stderr to $WORK/NAME.err
start() {
    SESSION=$1; shift
    local cmd="cd '$ROOT' && $(printf '%q ' "$BIN" --no-progress "$@") 2>'$WORK/$SESSION.err'; echo \"VXDIAG-EXIT rc=\$?\"; sleep 60"
    T new-session -d -s "$SESSION" -x 120 -y 40 "$cmd" || { bad "$SESSION: tmux session starts"; return 1; }
    wait_for "vxdiag | " 20 || { bad "$SESSION: TUI came up" "$(screen)"; return 1; }
}

# wait_for TEXT SECONDS : polls the pane until TEXT (fixed string) shows
wait_for() {
    local deadline=$((SECONDS + ${2:-5}))
    while [ $SECONDS -le $deadline ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1
    done
    return 1
}

expect() {   # expect NAME TEXT... : every TEXT is on screen
    local name=$1; shift
    local s; s=$(screen)
    for want in "$@"; do
        if ! grep -qF -- "$want" <<<"$s"; then bad "$name (missing: $want)" "$s"; return 1; fi
    done
    ok "$name"
}

# finish NAME : quits with Q and checks exit status and sanitizer output
finish() {
    keys Q
    if wait_for "VXDIAG-EXIT rc=0" 15; then ok "$1: Q quits with status 0"; else bad "$1: Q quits with status 0" "$(screen)"; fi
    if grep -qE "ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: .*Sanitizer" "$WORK/$1.err"; then
        bad "$1: no sanitizer report" "$(head -40 "$WORK/$1.err")"
    else ok "$1: no sanitizer report"; fi
    T kill-session -t "$1" >/dev/null 2>&1
}

bars_visible() {   # header on the first row and key bar on the last
    local s; s=$(screen)
    local first last; first=$(head -1 <<<"$s"); last=$(tail -1 <<<"$s")
    if grep -qF "vxdiag | $2" <<<"$first" && grep -qF "c:Calls" <<<"$last" && grep -qF "?:Help" <<<"$last"; then
        ok "$1"
    else bad "$1" "$s"; fi
}

line_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1; }

# a session that lives for the whole run, so the private tmux server never exits in between
T new-session -d -s keeper -x 80 -y 24 "sleep 600" || { echo "cannot start tmux"; echo "0 passed, 1 failed"; exit 1; }

# ---------------------------------------------------------------- clean call: list, ladder, message
start clean --profile "$PROFILE" samples/clean-lan.pcap && {
    expect "overview shows the verdict table" "Overview" "R-OUT-SIP" "R-NO-ALG" "SIP 9 msgs"
    s=$(screen)
    if grep -E "R-OUT-SIP +pass" <<<"$s" >/dev/null; then ok "overview: R-OUT-SIP pass on a clean call"; else bad "overview: R-OUT-SIP pass" "$s"; fi
    keys c
    expect "call list shows the clean call and registration" "sip:0312345678@lab" "answered" "registered" "Phone 201"
    keys / 0312 Enter
    expect "text filter keeps the call" "1 of 2 rows" "0312345678"
    keys Enter
    expect "Enter opens the ladder with the call's arrows" "Ladder" "INVITE (SDP)" "100 " "180 Ringing" "200 OK (SDP)" "ACK" "BYE" "RTP PCMA"
    li=$(line_of "INVITE (SDP)"); la=$(line_of "ACK"); lb=$(line_of "BYE")
    if [ -n "$li" ] && [ -n "$la" ] && [ -n "$lb" ] && [ "$li" -lt "$la" ] && [ "$la" -lt "$lb" ]; then
        ok "ladder order INVITE < ACK < BYE"; else bad "ladder order INVITE < ACK < BYE" "$(screen)"; fi
    expect "ladder columns: phone, NAT from Via received=, VoiceX" "192.168.50.10" "NAT (received=)" "198.51.100.1" "VoiceX" "198.51.100.11"
    keys Enter
    expect "Enter on the INVITE arrow shows the raw message" "Message" "INVITE sip:0312345678@198.51.100.11:5080 SIP/2.0" "CSeq: 1 INVITE" "m=audio"
    keys q
    expect "q goes back to the ladder" "Ladder"
    keys Down Down Down Enter
    expect "Enter on the 4th arrow (200 OK) shows that response" "SIP/2.0 200 OK" "Content-Type: application/sdp"
    keys s
    expect "streams screen lists both streams with figures" "Streams" "s1" "s2" "PCMA" "loss %/" "jitter/"
    keys t
    expect "other traffic screen renders" "Other traffic"
    keys '?'
    expect "? shows help with the global keys" "Keys - " "quit from anywhere" "press any key"
    keys x
    # 80x24: every screen keeps header and key bar
    T resize-window -t clean -x 80 -y 24; sleep 0.3
    for k in o c f s t; do
        keys "$k"
        case $k in o) n=Overview ;; c) n=Calls ;; f) n=Findings ;; s) n=Streams ;; t) n="Other traffic" ;; esac
        bars_visible "80x24: $n screen keeps header and key bar" "$n"
    done
    keys c Down Enter
    bars_visible "80x24: ladder keeps header and key bar" "Ladder"
    expect "80x24: ladder still shows arrows" "INVITE" "BYE"
    keys Enter
    bars_visible "80x24: message view keeps header and key bar" "Message"
    T resize-window -t clean -x 120 -y 40; sleep 0.3
    bars_visible "resize back to 120x40 redraws" "Message"
    finish clean
}

# ---------------------------------------------------------------- ALG: LAN and WAN side by side
start alg --profile "$PROFILE" samples/alg-lan.pcap --wan samples/alg-wan.pcap && {
    keys c / 0312 Enter Enter Enter
    expect "ALG: message view pairs LAN and WAN copies" "LAN copy (frame #3)" "WAN copy (frame #3)"
    s=$(screen)
    if grep -q '^! Via: SIP/2.0/UDP 192.168.50.10' <<<"$s" && grep -qF '! Via: SIP/2.0/UDP 198.51.100.1:' <<<"$s"; then
        ok "ALG: rewritten Via marked ! on both sides"; else bad "ALG: rewritten Via marked ! on both sides" "$s"; fi
    if grep -q '^! Contact:' <<<"$s" && grep -q '^! c=IN IP4 192.168.50.10' <<<"$s" && grep -q '^! Content-Length' <<<"$s"; then
        ok "ALG: Contact, c= and Content-Length marked"; else bad "ALG: Contact, c= and Content-Length marked" "$s"; fi
    if grep -q '^  CSeq: 1 INVITE' <<<"$s" && ! grep -q '^! CSeq' <<<"$s"; then
        ok "ALG: unchanged lines are not marked"; else bad "ALG: unchanged lines are not marked" "$s"; fi
    se=$(screen_e)
    if grep -a "Via: SIP/2.0/UDP 192.168.50.10" <<<"$se" | grep -qa $'\e\\['; then
        ok "ALG: changed line carries a highlight attribute (capture-pane -e)"
    else bad "ALG: changed line carries a highlight attribute" "$(grep -a Via <<<"$se" | cat -v)"; fi
    json=$("$BIN" report --no-progress --format json --profile "$PROFILE" samples/alg-lan.pcap --wan samples/alg-wan.pcap 2>/dev/null)
    alg_id=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(next((f["id"] for f in d.get("findings",[]) if f.get("kind")=="sip_alg"),""))' <<<"$json" 2>/dev/null)
    keys f
    if [ -z "$alg_id" ]; then
        skip "!!!!! ALG finding on the findings screen: NO finding of kind sip_alg exists yet - NOT TESTED !!!!!"
    else
        expect "ALG: findings screen lists $alg_id" "$alg_id" "R-NO-ALG"
        keys / "$alg_id" Enter Enter
        expect "ALG: finding detail shows kind and advice" "kind sip_alg" "Advice:"
        keys e
        expect "ALG: e jumps to the evidence in a ladder" "Ladder"
    fi
    keys o
    s=$(screen)
    if [ -n "$alg_id" ]; then
        if grep -E "R-NO-ALG +FAIL" <<<"$s" >/dev/null; then ok "ALG: overview R-NO-ALG FAIL"; else bad "ALG: overview R-NO-ALG FAIL" "$s"; fi
    fi
    finish alg
}

# ---------------------------------------------------------------- loss: findings screen
start loss --profile "$PROFILE" samples/loss-lan.pcap && {
    keys f
    expect "findings screen lists VX-RTP-LOSS" "Findings" "VX-RTP-LOSS" "critical" "R-BANDWIDTH"
    keys / RTP-LOSS Enter Enter
    expect "finding detail shows what was seen and advice" "Finding" "Seen:" "Advice:" "Evidence:"
    keys e
    expect "e jumps to the evidence message in the call's ladder" "Ladder" "INVITE"
    keys c
    s=$(screen)
    if grep -E "answered .*!$" <<<"$s" >/dev/null; then ok "call list marks the call with findings (!)"; else bad "call list marks the call with findings (!)" "$s"; fi
    marked=$(screen | grep -cE '^ +[0-9]+ .* !$')
    keys '!'
    expect "has-findings filter keeps the $marked marked row(s)" "$marked of 2 rows" "with findings" "10.9%"
    keys s
    expect "streams screen shows the lossy stream's loss" "10.9%"
    finish loss
}

# ---------------------------------------------------------------- hostile From header
python3 tests/tui/make_pcap.py hostile "$WORK/hostile.pcap" || bad "hostile pcap generated"
start hostile --profile "$PROFILE" "$WORK/hostile.pcap" && {
    keys c
    s=$(screen)
    if grep -qF '\x1B[31m山田\x07' <<<"$s"; then ok "hostile: From shows ESC and BEL escaped, Japanese rendered (call list)"
    else bad "hostile: From escaped in the call list" "$s"; fi
    se=$(screen_e)
    if grep -qa $'\e\\[31m山田' <<<"$se"; then bad "hostile: no raw ESC[31m reached the terminal"; else ok "hostile: no raw ESC[31m reached the terminal"; fi
    keys Enter Enter
    expect "hostile: message view shows the From line escaped" 'From: "\x1B[31m山田\x07 Taro"'
    finish hostile
}

# ---------------------------------------------------------------- thousands of rows
python3 tests/tui/make_pcap.py many 3000 "$WORK/many.pcap" || bad "3000-call pcap generated"
start many --profile "$PROFILE" "$WORK/many.pcap" && {
    keys c
    expect "3000 calls listed" "3000 of 3000 rows"
    t0=$(date +%s%N)
    for _ in 1 2 3 4 5 6 7 8 9 10; do T send-keys -t many NPage; done
    T send-keys -t many End
    if wait_for "Caller 2999 " 10; then
        ms=$(( ($(date +%s%N) - t0) / 1000000 ))
        if [ "$ms" -lt 5000 ]; then ok "End reaches row 3000 after 10 PgDn (${ms} ms)"; else bad "scrolling 3000 rows took ${ms} ms"; fi
    else bad "End reaches row 3000" "$(screen)"; fi
    keys '>' '>' '>' '>' r
    expect "sort by duration descending" "sort: duration desc"
    finish many
}

# ---------------------------------------------------------------- monochrome and non-terminal
SESSION=mono
T new-session -d -s mono -x 120 -y 40 "cd '$ROOT' && NO_COLOR=1 $(printf '%q ' "$BIN") --no-progress --profile $PROFILE samples/alg-lan.pcap --wan samples/alg-wan.pcap 2>'$WORK/mono.err'; echo VXDIAG-EXIT rc=\$?; sleep 60"
if wait_for "vxdiag | " 20; then
    keys c / 0312 Enter Enter Enter
    se=$(screen_e)
    if grep -qaE $'\e\\[[0-9;]*(3[0-7]|4[0-7])m' <<<"$se"; then bad "NO_COLOR: no colour escapes" "$(head -5 <<<"$se" | cat -v)"
    else ok "NO_COLOR: no colour escapes"; fi
    if grep -a "Via: SIP/2.0/UDP 192.168.50.10" <<<"$se" | grep -qa $'\e\\['; then ok "NO_COLOR: changed lines still highlighted (mono attribute)"
    else bad "NO_COLOR: changed lines still highlighted"; fi
    finish mono
else bad "NO_COLOR: TUI came up" "$(screen)"; fi

out=$(timeout 30 "$BIN" --no-progress --profile "$PROFILE" samples/clean-lan.pcap </dev/null 2>"$WORK/pipe.err" | cat)
if grep -qF "vxdiag 0.1.0 report" <<<"$out" && ! grep -qa $'\e\\[' <<<"$out"; then ok "stdout not a terminal: text report, no escapes"
else bad "stdout not a terminal: text report" "$out"; fi

echo "$PASS passed, $FAIL failed"
[ "$SKIP" -gt 0 ] && echo "($SKIP skipped - see SKIP lines above)"
[ "$FAIL" -eq 0 ]
