#!/usr/bin/env bash
# run_lab_tests.sh BINARY — runs every lab scenario (tests/lab/lab.sh, real SIPp/Kamailio/kernel
# NAT and SIP ALG in network namespaces) and checks vxdiag's JSON report of each capture from
# the views that can prove each problem: LAN alone, WAN alone, LAN + --wan WAN. The clean
# scenario must raise no warning or critical finding from any view. One line per check, then
# "N passed, M failed"; exit 1 on any failure. Skips (exit 0, one SKIP line) when not root or
# when sipp/kamailio/tcpdump are missing. Everything is time-bounded; namespaces are checked
# and removed after each scenario.
set -u -o pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BIN=$(readlink -f "${1:-$HERE/../../vxdiag}")
SCEN_TIMEOUT=${VXLAB_SCEN_TIMEOUT:-60}
PASS=0
FAIL=0

ok()   { echo "ok   $*"; PASS=$((PASS + 1)); }
bad()  { echo "FAIL $*"; FAIL=$((FAIL + 1)); }
skip() { echo "SKIP lab tests: $*"; echo "0 passed, 0 failed"; exit 0; }

[ -x "$BIN" ] || { echo "FAIL binary $BIN not found or not executable"; echo "0 passed, 1 failed"; exit 1; }
[ "$(id -u)" = 0 ] || skip "not root (network namespaces need root)"
for t in sipp kamailio tcpdump ip iptables python3 timeout; do
	command -v "$t" >/dev/null 2>&1 || skip "$t is not installed"
done

TMP=$(mktemp -d /tmp/vxlab-tests.XXXXXX)
LABPID=
cleanup() {
	if [ -n "$LABPID" ] && kill -0 "$LABPID" 2>/dev/null; then kill -TERM "$LABPID" 2>/dev/null; sleep 2; kill -KILL "$LABPID" 2>/dev/null; fi
	[ -n "$LABPID" ] && remove_namespaces "$LABPID"
	[ "${VXLAB_KEEP:-0}" = 1 ] && echo "kept $TMP" || rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Deletes the namespaces a lab.sh run with that pid created (if its own trap did not).
remove_namespaces() {
	local ns
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep "^vxlab-$1-"); do ip netns del "$ns" 2>/dev/null; done
}

# run_scenario NAME: lab.sh NAME TMP/NAME in the background, bounded by SCEN_TIMEOUT.
run_scenario() {
	local s=$1 t=0 rc
	"$HERE/lab.sh" "$s" "$TMP/$s" >"$TMP/$s.log" 2>&1 &
	LABPID=$!
	while kill -0 "$LABPID" 2>/dev/null && [ $t -lt $((SCEN_TIMEOUT * 10)) ]; do sleep 0.1; t=$((t + 1)); done
	if kill -0 "$LABPID" 2>/dev/null; then
		kill -TERM "$LABPID" 2>/dev/null; sleep 3; kill -KILL "$LABPID" 2>/dev/null
		wait "$LABPID" 2>/dev/null
		bad "$s: lab.sh did not finish within ${SCEN_TIMEOUT}s (log: tail below)"; tail -5 "$TMP/$s.log" | sed 's/^/     /'
		rc=1
	else
		wait "$LABPID"; rc=$?
		if [ $rc = 0 ] && [ -s "$TMP/$s/lan.pcap" ] && [ -s "$TMP/$s/wan.pcap" ]; then ok "$s: lab scenario ran, lan.pcap and wan.pcap written"
		else bad "$s: lab.sh rc=$rc or captures missing"; tail -5 "$TMP/$s.log" | sed 's/^/     /'; rc=1; fi
	fi
	if ip netns list 2>/dev/null | grep -q "^vxlab-$LABPID-"; then bad "$s: namespaces left behind (removed now)"; remove_namespaces "$LABPID"
	else ok "$s: namespaces torn down"; fi
	LABPID=
	return $rc
}

# report S VIEW: writes TMP/S.VIEW.json for VIEW lan | wan | both.
report() {
	local s=$1 v=$2 d=$TMP/$1 args
	case $v in
	lan) args=("$d/lan.pcap") ;;
	wan) args=("$d/wan.pcap") ;;
	both) args=("$d/lan.pcap" --wan "$d/wan.pcap") ;;
	esac
	timeout 60 "$BIN" report --format json --profile "$d/profile" "${args[@]}" >"$TMP/$s.$v.json" 2>"$TMP/$s.$v.err"
}

# expect S VIEW DESCRIPTION SPEC...: SPEC items (all must hold):
#   kind=K           a finding of kind K
#   id=I             a finding with id I (e.g. VX-PORT-BROWSER-FAILED)
#   kind=K/conf=C    a finding of kind K with confidence C
#   kind=K/text=T    a finding of kind K whose summary or detail contains T
#                    (kind=, id=, conf=, text= combine freely with /)
#   nokind=K, noid=I, nokind=K/text=T ...   no finding matching that
#   quiet            no warning or critical finding at all
#   answered         at least one call answered (the lab really worked)
expect() {
	local s=$1 v=$2 desc=$3; shift 3
	local why
	if ! report "$s" "$v"; then bad "$s [$v] $desc: vxdiag failed: $(head -c 200 "$TMP/$s.$v.err")"; return; fi
	if why=$(python3 - "$TMP/$s.$v.json" "$@" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
fs = d.get("findings", [])
def matching(want):
    out = []
    for f in fs:
        if "kind" in want and f["kind"] != want["kind"]: continue
        if "id" in want and f["id"] != want["id"]: continue
        if "conf" in want and f.get("confidence") != want["conf"]: continue
        if "text" in want and want["text"] not in (f.get("summary", "") + " " + f.get("detail", "")): continue
        out.append(f)
    return out
problems = []
for spec in sys.argv[2:]:
    if spec == "quiet":
        loud = ["%s(%s)" % (f["id"], f["severity"]) for f in fs if f["severity"] in ("warning", "critical")]
        if loud: problems.append("unexpected " + ", ".join(loud))
    elif spec == "answered":
        if not any(c.get("state") == "answered" for c in d.get("calls", [])): problems.append("no answered call")
    elif spec.startswith("no"):
        hits = matching(dict(p.split("=", 1) for p in spec[2:].split("/")))
        if hits: problems.append("unexpected %s: %s" % (spec[2:], ", ".join(f["id"] for f in hits)))
    else:
        if not matching(dict(p.split("=", 1) for p in spec.split("/"))):
            problems.append("missing " + spec)
if problems:
    kinds = sorted({"%s:%s" % (f["kind"], f.get("confidence")) for f in fs})
    print("; ".join(problems) + " (findings: " + (", ".join(kinds) or "none") + ")")
    sys.exit(1)
PY
); then ok "$s [$v] $desc"; else bad "$s [$v] $desc: $why"; fi
}

scenario_checks() {
	case $1 in
	clean)
		expect clean lan "LAN view: call answered, no warning/critical" answered quiet
		expect clean lan "LAN view: unmarked voice noted (info, R-QOS)" id=VX-QOS-UNMARKED nokind=ip_fragmentation nokind=tls_or_encrypted
		expect clean wan "WAN view: no warning/critical" quiet
		expect clean both "LAN+WAN: no warning/critical (nothing rewritten by plain NAT)" quiet
		expect clean both "LAN+WAN: not even info for no RTP, jitter, bandwidth or the capture" \
			nokind=no_rtp nokind=jitter nokind=bandwidth nokind=capture_problem ;;
	alg)
		expect alg lan "LAN alone shows SIP-ALG (received= rewritten back)" kind=sip_alg nokind=proxy
		expect alg wan "WAN alone suspects SIP-ALG (Call-ID fingerprint)" kind=sip_alg/conf=suspected
		expect alg both "LAN+WAN proves SIP-ALG, names nf_nat_sip" kind=sip_alg/conf=proven kind=sip_alg/text=nf_nat_sip nokind=proxy ;;
	proxy)
		expect proxy lan "LAN alone shows the proxy" kind=proxy nokind=sip_alg
		expect proxy wan "WAN alone shows the proxy (extra Via)" kind=proxy nokind=sip_alg
		expect proxy both "LAN+WAN proves the added hop" kind=proxy/conf=proven nokind=sip_alg ;;
	inbound_drop)
		expect inbound_drop wan "WAN shows the server's INVITE unanswered" kind=inbound_unanswered nokind=nat_timeout
		expect inbound_drop lan "LAN: no NAT-timer or ALG false alarm" nokind=nat_timeout nokind=sip_alg ;;
	nat_timeout)
		expect nat_timeout lan "LAN alone shows the mapping change" kind=nat_timeout
		expect nat_timeout wan "WAN alone shows the lost inbound INVITE after idle" kind=nat_timeout/text=idle
		expect nat_timeout both "LAN+WAN proves the re-mapping" kind=nat_timeout/conf=proven ;;
	loss)
		expect loss lan "LAN shows RTP loss" kind=rtp_loss
		expect loss both "LAN+WAN shows RTP loss" kind=rtp_loss ;;
	partial_server)
		expect partial_server lan "LAN shows partial server access naming .12" "kind=partial_server_access/text=198.51.100.12"
		expect partial_server both "LAN+WAN proves it is dropped at the site" kind=partial_server_access/conf=proven
		expect partial_server lan "LAN: the phone's requests to .12 are never answered" "kind=outbound_unanswered/text=198.51.100.12" ;;
	one_way)
		expect one_way lan "LAN shows one-way audio" kind=one_way_audio
		expect one_way both "LAN+WAN shows one-way audio" kind=one_way_audio ;;
	stun)
		expect stun lan "LAN shows STUN to .20 unanswered, not the answered .21" \
			"id=VX-STUN-UNANSWERED/text=198.51.100.20:19302" "nokind=stun_failure/text=198.51.100.21"
		expect stun wan "WAN alone cannot see requests dropped on-site (none left); .21 answered" nokind=stun_failure
		expect stun both "LAN+WAN shows STUN to .20 unanswered" "id=VX-STUN-UNANSWERED/text=198.51.100.20:19302" ;;
	frag)
		expect frag lan "LAN shows the fragmented INVITE, call answered" "id=VX-FRAG-SIP/text=INVITE" answered
		expect frag wan "WAN shows the fragmented INVITE" "id=VX-FRAG-SIP/text=INVITE"
		expect frag both "LAN+WAN shows the fragmented INVITE" "id=VX-FRAG-SIP/text=INVITE" ;;
	competing)
		expect competing lan "LAN shows RTP loss and names the bulk HTTP download" \
			kind=rtp_loss "id=VX-COMPETING-TRAFFIC/text=HTTP" answered
		expect competing wan "WAN: the loss happens behind this point (queue to the LAN), nothing to blame" \
			nokind=rtp_loss nokind=competing_traffic
		expect competing both "LAN+WAN shows RTP loss and names HTTP" kind=rtp_loss "id=VX-COMPETING-TRAFFIC/text=HTTP" ;;
	ports)
		expect ports lan "LAN shows SIP on unlisted port 5070 and the failed 8089 (not 8088)" \
			"id=VX-PORT-SIP-UNLISTED/text=5070" "id=VX-PORT-BROWSER-FAILED/text=198.51.100.11:8089" \
			"noid=VX-PORT-BROWSER-FAILED/text=8088"
		expect ports wan "WAN shows SIP on unlisted port 5070" "id=VX-PORT-SIP-UNLISTED/text=5070"
		expect ports both "LAN+WAN shows port 5070 and the failed 8089" \
			"id=VX-PORT-SIP-UNLISTED/text=5070" "id=VX-PORT-BROWSER-FAILED/text=198.51.100.11:8089" ;;
	qos)
		expect qos lan "LAN: voice marked EF/CS3, no QoS finding, call answered, quiet" nokind=no_qos_marking answered quiet
		expect qos wan "WAN: marks survive the NAT, no QoS finding, quiet" nokind=no_qos_marking quiet
		expect qos both "LAN+WAN: no QoS finding, quiet" nokind=no_qos_marking quiet ;;
	tls)
		expect tls lan "LAN shows SIP over TLS (5081) and the SRTP call, quiet" id=VX-TLS-SIP id=VX-TLS-SRTP answered quiet
		expect tls wan "WAN shows SIP over TLS and the SRTP call, quiet" id=VX-TLS-SIP id=VX-TLS-SRTP quiet
		expect tls both "LAN+WAN shows SIP over TLS and the SRTP call, quiet" id=VX-TLS-SIP id=VX-TLS-SRTP quiet ;;
	no_rtp)
		expect no_rtp lan "LAN shows the answered call with no RTP (not one-way)" id=VX-RTP-NONE answered nokind=one_way_audio
		expect no_rtp wan "WAN shows the answered call with no RTP" id=VX-RTP-NONE nokind=one_way_audio
		expect no_rtp both "LAN+WAN shows the answered call with no RTP" id=VX-RTP-NONE nokind=one_way_audio ;;
	jitter)
		expect jitter lan "LAN shows jitter on the server->phone stream, no loss" \
			"id=VX-RTP-JITTER/text=198.51.100.11:10000 -> 192.168.50.10:6000" answered nokind=rtp_loss nokind=inbound_unanswered
		expect jitter wan "WAN: the stream is still regular here (jitter added after wan0), quiet" nokind=jitter quiet
		expect jitter both "LAN+WAN shows the jitter" "id=VX-RTP-JITTER/text=198.51.100.11:10000" nokind=rtp_loss ;;
	bandwidth)
		expect bandwidth lan "LAN shows the L16 call above 100 kbps up and down" \
			"id=VX-BW-CALL/text=kbps up" "id=VX-BW-CALL/text=kbps down" "kind=bandwidth/text=L16" answered
		expect bandwidth wan "WAN shows the call above 100 kbps up and down" "id=VX-BW-CALL/text=kbps up" "id=VX-BW-CALL/text=kbps down"
		expect bandwidth both "LAN+WAN shows the call above 100 kbps up and down" "id=VX-BW-CALL/text=kbps up" "id=VX-BW-CALL/text=kbps down" ;;
	snaplen)
		expect snaplen lan "LAN shows the cut capture (snap length 200)" "id=VX-CAPTURE-SNAPLEN/text=lan.pcap"
		expect snaplen wan "WAN (whole packets): no capture problem, call answered, quiet" noid=VX-CAPTURE-SNAPLEN answered quiet
		expect snaplen both "LAN+WAN names lan.pcap only, no ALG/no-RTP false alarm" "id=VX-CAPTURE-SNAPLEN/text=lan.pcap" \
			"noid=VX-CAPTURE-SNAPLEN/text=wan.pcap" nokind=sip_alg nokind=no_rtp ;;
	esac
}

START=$(date +%s)
for s in ${VXLAB_SCENARIOS:-clean alg proxy inbound_drop nat_timeout loss partial_server one_way stun frag competing ports qos tls no_rtp jitter bandwidth snaplen}; do
	if run_scenario "$s"; then scenario_checks "$s"; fi
done
echo "lab tests took $(( $(date +%s) - START )) s"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
