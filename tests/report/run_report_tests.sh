#!/bin/bash
# run_report_tests.sh BINARY — checks the HTML and Markdown reports (en and ja) of BINARY on
# the lab samples and on a hostile capture: balanced HTML, nothing fetched from outside, no
# scripts, charts present, packet text escaped, Japanese section titles, the Markdown verdict
# table, then a headless Chromium render (screenshot + console errors). One line per check,
# ending with "N passed, M failed"; exit status 1 when anything failed.
set -u
BIN=${1:?usage: run_report_tests.sh BINARY}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
OUT=$ROOT/tests/out/report-$(basename "$BIN")
PROFILE=$ROOT/samples/lab.profile
CHECK="timeout 30 python3 $HERE/check_html.py"
rm -rf "$OUT" && mkdir -p "$OUT"
PASS=0 FAIL=0

ok()   { echo "ok   $1"; PASS=$((PASS + 1)); }
bad()  { echo "FAIL $1${2:+: $2}"; FAIL=$((FAIL + 1)); }
# check NAME COMMAND...: runs the command, passes on exit 0.
check() { local name=$1 msg; shift; if msg=$("$@" 2>&1); then ok "$name"; else bad "$name" "$(echo "$msg" | head -3 | tr '\n' ' ')"; fi; }

# report NAME FORMAT LANG FILES... -> $OUT/NAME.LANG.FORMAT; checks the exit status and stderr.
report() {
    local name=$1 fmt=$2 lang=$3; shift 3
    local dst="$OUT/$name.$lang.$fmt"
    if timeout 120 "$BIN" report --profile "$PROFILE" --format "$fmt" --lang "$lang" --out "$dst" "$@" 2>"$dst.stderr"; then
        if grep -q -e 'AddressSanitizer' -e 'runtime error' -e 'LeakSanitizer' "$dst.stderr"; then
            bad "$name $lang $fmt: runs clean" "$(head -2 "$dst.stderr")"
        else ok "$name $lang $fmt: exit 0"; fi
    else bad "$name $lang $fmt: exit 0" "$(head -2 "$dst.stderr")"; fi
}

# Streams + calls (+1 with other traffic) from the JSON report: the SVG count a report must reach.
expected_svgs() {
    timeout 120 "$BIN" report --profile "$PROFILE" --format json "$@" 2>/dev/null |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["rtp_streams"]) + len(d["calls"]) + (1 if d.get("other_traffic") else 0))'
}

html_checks() {
    local name=$1 lang=$2 svgs=$3 f="$OUT/$1.$2.html"
    check "$name $lang html: tags balanced" $CHECK "$f" balanced
    check "$name $lang html: offline (no script, no external refs)" $CHECK "$f" offline
    check "$name $lang html: clean UTF-8, no control bytes" $CHECK "$f" clean-bytes
    check "$name $lang html: >= $svgs svg charts/ladders" $CHECK "$f" svg-count "$svgs"
    check "$name $lang html: has verdict section" $CHECK "$f" contains 'id="verdict"'
}

md_checks() {
    local name=$1 lang=$2 f="$OUT/$1.$2.md"
    check "$name $lang md: verdict table" grep -q '^| R-OUT-SIP | ' "$f"
    check "$name $lang md: table separator" grep -q '^|---|---|---|---|---|$' "$f"
    check "$name $lang md: no raw markup" bash -c "! grep -q -e '<script' -e '<img' '$f'"
}

ja_checks() {
    local name=$1 f="$OUT/$1.ja.html"
    check "$name ja html: lang=\"ja\"" $CHECK "$f" contains '<html lang="ja">'
    for t in '「OUT方向（お客様LAN⇒VoiceXサーバー）」' '「IN方向（VoiceXサーバー⇒お客様LAN）」' '「NATタイマー設定」' '「【構内LAN環境】」' '要件ごとの判定'; do
        check "$name ja html: cites $t" $CHECK "$f" contains "$t"
    done
    check "$name ja md: cites 「NATタイマー設定」" grep -q '「NATタイマー設定」' "$OUT/$name.ja.md"
}

run_sample() {   # run_sample NAME FILES...
    local name=$1; shift
    local svgs; svgs=$(expected_svgs "$@"); [ -n "$svgs" ] || svgs=999
    for lang in en ja; do
        report "$name" html "$lang" "$@"
        report "$name" md "$lang" "$@"
        html_checks "$name" "$lang" "$svgs"
        md_checks "$name" "$lang"
    done
    ja_checks "$name"
}

# Headless Chromium: renders offline, no console errors, a screenshot of sensible size.
chromium_check() {
    local f=$1 png=$1.png log=$1.chromium.log profile
    profile=$(mktemp -d)
    timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --screenshot="$png" --window-size=1200,1600 \
        --enable-logging=stderr --v=0 "file://$f" >"$log" 2>&1
    rm -rf "$profile"
    check "chromium $(basename "$f"): screenshot written" test -s "$png"
    check "chromium $(basename "$f"): screenshot not blank (> 20 kB)" test "$(stat -c %s "$png" 2>/dev/null || echo 0)" -gt 20000
    check "chromium $(basename "$f"): no Uncaught / Refused in console" bash -c "! grep -i -e 'Uncaught' -e 'Refused' '$log'"
}

run_chromium() {
    if ! command -v chromium >/dev/null 2>&1; then
        apt-get install -y chromium >/dev/null 2>&1 || true
    fi
    if ! command -v chromium >/dev/null 2>&1; then
        echo "SKIP chromium checks: chromium is not installed and could not be installed" >&2
        echo "SKIP chromium render (not installable)"
        return
    fi
    chromium_check "$OUT/loss.en.html"
    chromium_check "$OUT/hostile.ja.html"
    chromium_check "$OUT/partial-server.ja.html"
}

# ---- samples ----
S=$ROOT/samples
run_sample clean "$S/clean-lan.pcap"
run_sample loss "$S/loss-lan.pcap"
run_sample one-way "$S/one-way-lan.pcap"
run_sample partial-server "$S/partial-server-lan.pcap"
run_sample nat-timeout "$S/nat-timeout-lan.pcap"
run_sample alg-wan "$S/alg-lan.pcap" --wan "$S/alg-wan.pcap"

# ---- verdicts on known captures ----
check "clean verdict: R-OUT-SIP pass" $CHECK "$OUT/clean.en.html" verdict R-OUT-SIP:pass
check "clean verdict: R-IN-RTP pass" $CHECK "$OUT/clean.en.html" verdict R-IN-RTP:pass
check "clean verdict: R-BROWSER not observed" $CHECK "$OUT/clean.en.html" verdict R-BROWSER:unseen
check "loss verdict: R-BANDWIDTH fail" $CHECK "$OUT/loss.en.html" verdict R-BANDWIDTH:fail
check "loss html: shows VX-RTP-LOSS" $CHECK "$OUT/loss.en.html" contains VX-RTP-LOSS
check "loss ja html: Japanese kind title" $CHECK "$OUT/loss.ja.html" contains 'RTPパケットロス'
check "one-way verdict: R-IN-RTP fail" $CHECK "$OUT/one-way.en.html" verdict R-IN-RTP:fail
check "partial-server verdict: R-OUT-SIP fail" $CHECK "$OUT/partial-server.en.html" verdict R-OUT-SIP:fail
check "nat-timeout html: registration history table" $CHECK "$OUT/nat-timeout.en.html" contains 'rport='

# ---- hostile capture ----
check "hostile capture generated" timeout 30 python3 "$HERE/gen_hostile.py" "$OUT/hostile.pcap"
run_sample hostile "$OUT/hostile.pcap"
for lang in en ja; do
    f=$OUT/hostile.$lang.html
    check "hostile $lang: no literal <script>alert" $CHECK "$f" absent '<script>alert'
    check "hostile $lang: display name escaped (&lt;script&gt;alert(1))" $CHECK "$f" contains '&lt;script&gt;alert(1)&lt;/script&gt;'
    check "hostile $lang: Call-ID escaped (&lt;script&gt;alert(2))" $CHECK "$f" contains '&lt;script&gt;alert(2)'
    check "hostile $lang: no literal <img src=x" $CHECK "$f" absent '<img src=x'
    check "hostile $lang: User-Agent escaped" $CHECK "$f" contains '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
    check "hostile $lang: control bytes shown as \\x01" $CHECK "$f" contains '\x01\x1B[31m\x7F\xFF\xFE'
    check "hostile $lang: other-traffic chart drawn" $CHECK "$f" contains 'class="c0"/>'
    check "hostile $lang md: no literal <script" bash -c "! grep -q '<script' '$OUT/hostile.$lang.md'"
done

run_chromium
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
