#!/usr/bin/env bash
# vxdiag network lab: real SIP/RTP software in Linux network namespaces.
#
#   tests/lab/lab.sh SCENARIO OUTDIR      (as root)
#   tests/lab/lab.sh all OUTDIR           (every scenario, into OUTDIR/SCENARIO/, then verify.sh)
#
# Leaves OUTDIR/lan.pcap (phone side), OUTDIR/wan.pcap (router WAN side), OUTDIR/profile
# (the lab's server list, vxdiag profile format) and OUTDIR/logs/ (SIPp/Kamailio output).
#
# Topology (namespaces vxlab-<pid>-{phone,router,server}; nothing leaves them):
#
#   phone  p0 192.168.50.10 ──veth── lan0 192.168.50.1  router  wan0 198.51.100.1 ──veth── s0 server
#   SIPp UAC :5060, RTP :6000         MASQUERADE lan→wan, firewall         198.51.100.11/.12/.13
#                                     (optional SIP ALG / proxy)           Kamailio :5060,:5080 (all 3)
#                                                                          SIPp UAS .11:5090, RTP :10000
#                                                                          SIPp "PBX" UAC .11:5070
#
# Extra server-side addresses some scenarios add: .20 (STUN, dropped), .21 (STUN, answered),
# .30 (a web server for bulk HTTP). Helpers: tools/stun.py, tools/tcp.py, tools/jitter_relay.py
# (a jittery hop on the router), tools/rtp_pcap.py (L16 RTP for play_pcap_audio) (python3).
#
# Environment: VXLAB_CALL_MS (call hold time, default 3500), VXLAB_AUDIO_PKTS (RTP packets
# played per direction, 30 ms each, default 110), VXLAB_KEEP=1 keeps the work dir; jitter:
# VXLAB_STALL_MIN_MS / VXLAB_STALL_MAX_MS (relay stalls, 60/200); snaplen: VXLAB_SNAPLEN (200).

set -u -o pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCENARIOS="clean alg proxy inbound_drop nat_timeout loss partial_server one_way stun frag competing ports qos tls no_rtp jitter bandwidth snaplen"

usage() { echo "usage: $0 {$(echo $SCENARIOS | tr ' ' '|')|all} OUTDIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
SCEN=$1
OUT=$2
[ "$(id -u)" = 0 ] || { echo "$0: must run as root" >&2; exit 2; }

if [ "$SCEN" = all ]; then
	rc=0
	for s in $SCENARIOS; do
		t0=$(date +%s.%N)
		if "$0" "$s" "$OUT/$s"; then st=ok; else st=FAIL; rc=1; fi
		printf '%-15s %-4s %5.1fs\n' "$s" "$st" "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')"
	done
	"$HERE/verify.sh" "$OUT" || rc=1
	exit $rc
fi
case " $SCENARIOS " in *" $SCEN "*) ;; *) usage ;; esac

ID=$$
NSP=vxlab-$ID-phone
NSR=vxlab-$ID-router
NSS=vxlab-$ID-server
PHONE=192.168.50.10
GW_LAN=192.168.50.1
GW_WAN=198.51.100.1
SRV1=198.51.100.11
SRV2=198.51.100.12
SRV3=198.51.100.13
STUN_BLOCKED=198.51.100.20
STUN_OK=198.51.100.21
WEB=198.51.100.30
CALL_MS=${VXLAB_CALL_MS:-3500}
CAP_FILTER="udp or icmp"   # scenarios with TCP set "ip"
PROFILE_EXTRA=            # scenario-specific profile lines
KAM_EXTRA_LISTEN=()       # extra Kamailio -l options
CALL_XML=call.xml         # the phone's call scenario
UAS_XML=uas.xml           # the answering SIPp behind Kamailio
LAN_SNAPLEN=0             # tcpdump -s for lan.pcap (0: whole packets)
AUDIO_PKTS=${VXLAB_AUDIO_PKTS:-110}
BW_PKTS=$((AUDIO_PKTS * 3 / 2))  # bandwidth: 20 ms packets, as long as the 30 ms audio

mkdir -p "$OUT/logs"
OUT=$(cd "$OUT" && pwd)
LOG=$OUT/logs
rm -f "$OUT"/lan.pcap "$OUT"/wan.pcap "$LOG"/*
WORK=$(mktemp -d "/tmp/vxlab-$ID.XXXXXX")
BGPIDS=()
CAPPIDS=()

log() { echo "[lab $SCEN] $*" >&2; }

cleanup() {
	local p ns
	for p in "${CAPPIDS[@]}" "${BGPIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${CAPPIDS[@]}" "${BGPIDS[@]}"; do
		timeout 5 tail --pid="$p" -f /dev/null 2>/dev/null
		kill -KILL "$p" 2>/dev/null
	done
	# anything still running inside our own namespaces (started by us), by pid
	for ns in "$NSP" "$NSR" "$NSS"; do
		for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
		ip netns del "$ns" 2>/dev/null
	done
	if [ "${VXLAB_KEEP:-0}" = 1 ]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

inp() { ip netns exec "$NSP" "$@"; }
inr() { ip netns exec "$NSR" "$@"; }
ins() { ip netns exec "$NSS" "$@"; }

# Turn off TX checksum offload on a veth so captured packets carry real UDP checksums
# (no ethtool binary here: SIOCETHTOOL / ETHTOOL_STXCSUM via python).
csum_off() {
	ip netns exec "$1" python3 - "$2" <<'PY' 2>/dev/null || true
import ctypes, fcntl, socket, struct, sys
ev = ctypes.create_string_buffer(struct.pack("II", 0x17, 0))   # ETHTOOL_STXCSUM, off
ifr = struct.pack("16sP", sys.argv[1].encode(), ctypes.addressof(ev))
fcntl.ioctl(socket.socket(socket.AF_INET, socket.SOCK_DGRAM), 0x8946, ifr)  # SIOCETHTOOL
PY
}

topology() {
	ip netns add "$NSP" && ip netns add "$NSR" && ip netns add "$NSS" || return 1
	ip link add p0 netns "$NSP" type veth peer name lan0 netns "$NSR" || return 1
	ip link add wan0 netns "$NSR" type veth peer name s0 netns "$NSS" || return 1
	inp ip link set lo up; inr ip link set lo up; ins ip link set lo up
	inp ip addr add $PHONE/24 dev p0
	inp ip link set p0 up
	inp ip route add default via $GW_LAN
	inr ip addr add $GW_LAN/24 dev lan0
	inr ip addr add $GW_WAN/24 dev wan0
	inr ip link set lan0 up
	inr ip link set wan0 up
	inr sysctl -qw net.ipv4.ip_forward=1
	ins ip addr add $SRV1/24 dev s0
	ins ip addr add $SRV2/24 dev s0
	ins ip addr add $SRV3/24 dev s0
	ins ip link set s0 up
	# the server has no route to 192.168.50.0/24: only the NAT's public address is reachable
	csum_off "$NSP" p0; csum_off "$NSR" lan0; csum_off "$NSR" wan0; csum_off "$NSS" s0
	# NAT router (a plain home router: masquerade, stateful firewall for the LAN)
	inr iptables -t nat -A POSTROUTING -o wan0 -j MASQUERADE ${MASQ_OPTS:-}
	inr iptables -A FORWARD -i lan0 -o wan0 -j ACCEPT
	inr iptables -A FORWARD -i wan0 -o lan0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
	inr iptables -A FORWARD -i wan0 -o lan0 -j DROP
	# a router does not answer stray inbound packets on its public address
	inr iptables -A INPUT -i wan0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
	inr iptables -A INPUT -i wan0 -p udp -j DROP
}

# wait until something listens on UDP port $2 in namespace $1 (max ~5 s)
wait_udp() {
	local i
	for i in $(seq 50); do
		ip netns exec "$1" ss -Hlun "sport = :$2" 2>/dev/null | grep -q . && return 0
		sleep 0.1
	done
	log "nothing listening on udp/$2 in $1"; return 1
}

bg() { # bg NAME NS SECONDS cmd...   (background, bounded, logged)
	local name=$1 ns=$2 secs=$3; shift 3
	(cd "$WORK" && exec ip netns exec "$ns" timeout -k 2 "$secs" "$@") >"$LOG/$name.log" 2>&1 &
	BGPIDS+=($!)
}

capture() {
	(exec ip netns exec "$NSP" timeout -k 2 90 tcpdump -i p0 --immediate-mode -s "$LAN_SNAPLEN" -U -n -w "$OUT/lan.pcap" $CAP_FILTER) \
		>"$LOG/tcpdump-lan.log" 2>&1 &
	CAPPIDS+=($!)
	(exec ip netns exec "$NSR" timeout -k 2 90 tcpdump -i wan0 --immediate-mode -s 0 -U -n -w "$OUT/wan.pcap" $CAP_FILTER) \
		>"$LOG/tcpdump-wan.log" 2>&1 &
	CAPPIDS+=($!)
	local i
	for i in $(seq 50); do
		grep -q 'listening on' "$LOG/tcpdump-lan.log" 2>/dev/null &&
			grep -q 'listening on' "$LOG/tcpdump-wan.log" 2>/dev/null && return 0
		sleep 0.1
	done
	log "tcpdump did not start"; return 1
}

stop_capture() {
	sleep 0.3
	local p
	for p in "${CAPPIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${CAPPIDS[@]}"; do timeout 5 tail --pid="$p" -f /dev/null 2>/dev/null; done
	CAPPIDS=()
}

audio() { # two RTP sources from SIPp's sample: phone side and server side (distinct SSRC)
	editcap -F pcap -r /usr/share/sip-tester/g711a.pcap "$WORK/audio-phone.pcap" "1-$AUDIO_PKTS" >/dev/null 2>&1 || return 1
	python3 - "$WORK/audio-phone.pcap" "$WORK/audio-server.pcap" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
off = 24
while off + 16 <= len(d):
    incl = struct.unpack_from("<I", d, off + 8)[0]
    pkt = off + 16
    ihl = (d[pkt + 14] & 0x0f) * 4
    rtp = pkt + 14 + ihl + 8
    struct.pack_into(">I", d, rtp + 8, 0x5eca0011)          # SSRC of the server's stream
    seq = struct.unpack_from(">H", d, rtp + 2)[0]
    struct.pack_into(">H", d, rtp + 2, (seq + 20000) & 0xffff)
    struct.pack_into(">H", d, pkt + 14 + ihl + 6, 0)         # UDP checksum: none
    off = pkt + incl
open(sys.argv[2], "wb").write(d)
PY
}

write_profile() {
	cat >"$OUT/profile" <<EOF
# vxdiag lab profile: the lab's one domain and its three servers (tests/lab/lab.sh)
name lab
domain lab
server $SRV1
server $SRV2
server $SRV3
sip_port 5060
sip_port 5080
EOF
	[ -z "$PROFILE_EXTRA" ] || printf '%s\n' "$PROFILE_EXTRA" >>"$OUT/profile"
}

start_server() { # Kamailio (registrar/edge) on all three addresses + SIPp UAS behind it
	mkdir -p "$WORK/kam-server"
	bg kamailio-server "$NSS" 60 kamailio -f "$HERE/kamailio.cfg" -DD -E -m 32 -M 8 \
		-P "$WORK/kam-server/pid" -Y "$WORK/kam-server" -w "$WORK/kam-server" \
		-l udp:$SRV1:5080 -l udp:$SRV2:5080 -l udp:$SRV3:5080 \
		-l udp:$SRV1:5060 -l udp:$SRV2:5060 -l udp:$SRV3:5060 "${KAM_EXTRA_LISTEN[@]}"
	if [ "${1:-uas}" = uas ]; then
		bg sipp-uas "$NSS" 40 sipp -sf "$HERE/sipp/$UAS_XML" -i $SRV1 -p 5090 -mp 10000 -m 1 \
			-nostdin -s vx -trace_err -error_file "$LOG/sipp-uas.err"
		wait_udp "$NSS" 5090 || return 1
	fi
	wait_udp "$NSS" 5080
}

# phone_sipp NAME TIMEOUT_S DEST SCENARIO [sipp args...]   (foreground)
phone_sipp() {
	local name=$1 secs=$2 dest=$3 sf=$4; shift 4
	(cd "$WORK" && exec ip netns exec "$NSP" timeout -k 2 "$secs" sipp "$dest" -sf "$HERE/sipp/$sf" \
		-i $PHONE -p 5060 -mp 6000 -m 1 -nostdin -s 0312345678 -key expires 3600 \
		-trace_err -error_file "$LOG/$name.err" "$@") >"$LOG/$name.log" 2>&1
	local rc=$?
	log "$name ($sf -> $dest): sipp rc=$rc"
	return 0
}

# PBX-side call to the registered phone (through the server's Kamailio, source .11:5080)
pbx_call() {
	local name=$1 secs=$2
	(cd "$WORK" && exec ip netns exec "$NSS" timeout -k 2 "$secs" sipp $SRV1:5080 \
		-sf "$HERE/sipp/pbx-invite.xml" -i $SRV1 -p 5070 -mp 12000 -m 1 -nostdin \
		-trace_err -error_file "$LOG/$name.err") >"$LOG/$name.log" 2>&1
	log "$name (server INVITE -> phone): sipp rc=$?"
}

phone_call() { # register + one call to the server (or via $1 if given)
	local dest=${1:-$SRV1:5080}
	phone_sipp register 10 "$dest" register.xml -key target $SRV1:5080
	phone_sipp call 25 "$dest" "$CALL_XML" -key target $SRV1:5080 -d "$CALL_MS"
}

# ---------------------------------------------------------------- scenarios

sc_clean() {
	topology && start_server && capture || return 1
	phone_call
}

sc_alg() {
	topology || return 1
	# the kernel's SIP ALG (nf_conntrack_sip + nf_nat_sip) on SIP ports, as a router vendor would
	inr iptables -t raw -A PREROUTING -i lan0 -p udp -m multiport --dports 5060,5080 -j CT --helper sip || return 1
	start_server && capture || return 1
	phone_call
}

sc_proxy() {
	topology || return 1
	# an unwanted SIP proxy on the router itself: the phone is configured to send to it
	mkdir -p "$WORK/kam-proxy"
	bg kamailio-proxy "$NSR" 60 kamailio -f "$HERE/kamailio.cfg" -A LAB_PROXY -DD -E -m 32 -M 8 \
		-P "$WORK/kam-proxy/pid" -Y "$WORK/kam-proxy" -w "$WORK/kam-proxy" \
		-l udp:$GW_LAN:5060 -l udp:$GW_WAN:5060
	wait_udp "$NSR" 5060 || return 1
	start_server && capture || return 1
	phone_call $GW_LAN:5060
}

sc_inbound_drop() {
	topology || return 1
	# a firewall that lets SIP responses in but drops SIP requests from the server
	# (payload not starting with "SIP/"), even on the NAT mapping the phone opened
	inr iptables -I FORWARD 1 -i wan0 -o lan0 -p udp -m multiport --sports 5060,5080 \
		-m u32 ! --u32 "0>>22&0x3C@8=0x5349502f" -j DROP || return 1
	start_server none && capture || return 1
	phone_sipp register 10 $SRV1:5080 register.xml -key target $SRV1:5080
	# the phone now waits for calls
	bg sipp-phone-uas "$NSP" 20 sipp -sf "$HERE/sipp/uas.xml" -i $PHONE -p 5060 -mp 6000 -m 1 \
		-nostdin -s 201 -trace_err -error_file "$LOG/sipp-phone-uas.err"
	wait_udp "$NSP" 5060 || return 1
	pbx_call pbx-invite 12
}

sc_nat_timeout() {
	# short UDP conntrack timeouts and port-randomising NAT (as many CPE / CGN do);
	# refresh interval (idle gap) longer than the timeout
	MASQ_OPTS=--random-fully topology || return 1
	inr sysctl -qw net.netfilter.nf_conntrack_udp_timeout=4 net.netfilter.nf_conntrack_udp_timeout_stream=4 || return 1
	start_server none && capture || return 1
	# REGISTER, idle 12 s, refresh (same Call-ID, CSeq 2) - in the background
	bg sipp-register "$NSP" 25 sipp $SRV1:5080 -sf "$HERE/sipp/register-refresh.xml" -i $PHONE -p 5060 \
		-m 1 -nostdin -key target $SRV1:5080 -key expires 30 -d 12000 \
		-trace_err -error_file "$LOG/sipp-register.err"
	local reg=${BGPIDS[-1]}
	sleep 6                 # idle: the router forgets the mapping after 4 s
	pbx_call pbx-invite 10  # inbound call after the idle gap: retransmitted, unanswered
	# the refresh then gets a new mapping: the server's received/rport changes
	timeout 15 tail --pid="$reg" -f /dev/null
}

sc_loss() {
	topology || return 1
	# random 8 % loss of the server's RTP towards the phone
	inr iptables -I FORWARD 1 -i wan0 -o lan0 -p udp --sport 10000:20000 \
		-m statistic --mode random --probability 0.08 -j DROP || return 1
	start_server && capture || return 1
	phone_call
}

sc_partial_server() {
	topology || return 1
	# the site firewall allows only .11 and .13 of the domain's three servers
	inr iptables -I FORWARD 1 -d $SRV2 -j DROP || return 1
	inr iptables -I FORWARD 1 -s $SRV2 -j DROP
	start_server none && capture || return 1
	local s
	for s in $SRV1 $SRV2 $SRV3; do
		phone_sipp "register-$s" 8 $s:5080 register.xml -key target $s:5080 -max_retrans 3
		phone_sipp "options-$s" 8 $s:5080 options.xml -key target $s:5080 -max_retrans 3
	done
}

sc_one_way() {
	topology || return 1
	# all RTP from the server to the phone is dropped: answered call, audio one way only
	inr iptables -I FORWARD 1 -i wan0 -o lan0 -p udp --sport 10000:20000 -j DROP || return 1
	start_server && capture || return 1
	phone_call
}

sc_stun() {
	topology || return 1
	# two STUN servers on the "internet": .20 (the one the router blocks) and .21 (answers)
	ins ip addr add $STUN_BLOCKED/24 dev s0 && ins ip addr add $STUN_OK/24 dev s0 || return 1
	inr iptables -I FORWARD 1 -i lan0 -o wan0 -p udp -d $STUN_BLOCKED --dport 19302 -j DROP || return 1
	bg stun-server-20 "$NSS" 15 python3 "$HERE/tools/stun.py" server $STUN_BLOCKED 19302 12
	bg stun-server-21 "$NSS" 15 python3 "$HERE/tools/stun.py" server $STUN_OK 19302 12
	wait_udp "$NSS" 19302 && capture || return 1
	# one phone socket: 2 transactions to .20 (0, 1 s; each retransmitted at +0.5, +1.5 s),
	# 6 to .21 (one a second), so the capture runs > 4 s (unanswered_after_s) past the last
	# unanswered request
	(ip netns exec "$NSP" timeout -k 2 12 python3 "$HERE/tools/stun.py" client $PHONE 40000 5.3 \
		$STUN_BLOCKED:19302:2 $STUN_OK:19302:6) >"$LOG/stun-client.log" 2>&1
	log "stun client: $(tr '\n' ';' <"$LOG/stun-client.log")"
}

sc_frag() {
	# the phone's INVITE is ~2.4 KB (many headers, 19 codecs): the kernel sends it in 2 IP fragments
	CALL_XML=call-big.xml
	topology && start_server && capture || return 1
	phone_call
}

sc_competing() {
	CAP_FILTER=ip
	topology || return 1
	# a 1 Mbit/s access line, both directions (tbf on the router's two sides), each with a
	# 15-packet FIFO as CPE have (a byte-limited queue would always leave room for small RTP)
	local dev
	for dev in lan0 wan0; do
		inr tc qdisc add dev $dev root handle 1: tbf rate 1mbit burst 6kb latency 200ms || return 1
		inr tc qdisc add dev $dev parent 1:1 handle 10: pfifo limit ${VXLAB_QUEUE_PKTS:-15} || return 1
	done
	ins ip addr add $WEB/24 dev s0 || return 1
	bg httpd "$NSS" 20 python3 "$HERE/tools/tcp.py" httpd $WEB 80 16 3
	start_server && capture || return 1
	phone_sipp register 10 $SRV1:5080 register.xml -key target $SRV1:5080
	# a bulk HTTP download over the same line for the whole call
	# (several parallel GETs, as a browser or updater does: the line stays saturated)
	local k
	for k in $(seq ${VXLAB_BULK_FLOWS:-4}); do
		bg http-get$k "$NSP" 15 python3 "$HERE/tools/tcp.py" get $WEB 80 ${VXLAB_BULK_S:-6}
	done
	sleep 0.5
	phone_sipp call 25 $SRV1:5080 call.xml -key target $SRV1:5080 -d "$CALL_MS"
}

sc_ports() {
	CAP_FILTER=ip
	KAM_EXTRA_LISTEN=(-l "udp:$SRV1:5070")
	topology || return 1
	# the site firewall drops the browser phone's secure WebSocket (TCP 8089); 8088 passes
	inr iptables -I FORWARD 1 -i lan0 -o wan0 -p tcp --dport 8089 -j DROP || return 1
	bg ws-8088 "$NSS" 15 python3 "$HERE/tools/tcp.py" listen $SRV1 8088 12
	bg ws-8089 "$NSS" 15 python3 "$HERE/tools/tcp.py" listen $SRV1 8089 12
	start_server none && capture || return 1
	# the phone is configured for port 5070, which the requirements do not list (Kamailio answers)
	phone_sipp register-5070 8 $SRV1:5070 register.xml -key target $SRV1:5070 -max_retrans 3
	(ip netns exec "$NSP" timeout -k 2 8 python3 "$HERE/tools/tcp.py" connect $SRV1 8088 3) >"$LOG/ws-client.log" 2>&1
	(ip netns exec "$NSP" timeout -k 2 8 python3 "$HERE/tools/tcp.py" connect $SRV1 8089 3.5) >>"$LOG/ws-client.log" 2>&1
	log "browser phone: $(tr '\n' ';' <"$LOG/ws-client.log")"
}

sc_qos() {
	topology || return 1
	# the phone marks its voice: SIP CS3, RTP (everything else it sends over UDP) EF
	inp iptables -t mangle -A OUTPUT -p udp --sport 5060 -j DSCP --set-dscp-class CS3 || return 1
	inp iptables -t mangle -A OUTPUT -p udp ! --sport 5060 -j DSCP --set-dscp-class EF || return 1
	start_server && capture || return 1
	phone_call
}

sc_tls() {
	CAP_FILTER=ip
	CALL_XML=call-srtp.xml
	PROFILE_EXTRA="sip_port 5081"; write_profile   # the built-in VoiceX profile lists 5081 (TLS) too
	topology || return 1
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=lab \
		-keyout "$WORK/tls.key" -out "$WORK/tls.crt" >/dev/null 2>&1 || return 1
	bg tls-server "$NSS" 20 openssl s_server -accept $SRV1:5081 -cert "$WORK/tls.crt" -key "$WORK/tls.key" -naccept 1 -quiet
	start_server && capture || return 1
	for _ in $(seq 30); do ins ss -Hltn "sport = :5081" | grep -q . && break; sleep 0.1; done
	# a SIP-over-TLS phone: TLS handshake to .11:5081 (the content is opaque to vxdiag)
	ip netns exec "$NSP" timeout -k 2 5 openssl s_client -connect $SRV1:5081 -servername lab </dev/null >"$LOG/tls-client.log" 2>&1
	log "tls client rc=$?"
	phone_call      # and a call offering SRTP (RTP/SAVP, a=crypto)
}

sc_no_rtp() {
	topology || return 1
	# Media blocked both ways OUTSIDE the two capture points, SIP untouched: the phone's own
	# firewall drops its outgoing RTP (phone OUTPUT, before the p0 capture) and a firewall on
	# the far side drops VoiceX's RTP before it reaches the site (server OUTPUT, before wan0).
	# (Blocked on the router instead, each capture would still hold the direction that reaches
	# it: the LAN the phone's RTP, the WAN the server's, and vxdiag reports one-way audio.)
	inp iptables -A OUTPUT -o p0 -p udp --sport 6000 -j DROP || return 1
	ins iptables -A OUTPUT -o s0 -p udp --sport 10000:20000 -j DROP || return 1
	start_server && capture || return 1
	phone_call
}

sc_jitter() {
	topology || return 1
	# The server's RTP to the NAT address is not de-NATed by conntrack (NOTRACK) but delivered
	# to a relay on the router (198.51.100.1:6000) that behaves like a link that stalls for a
	# random 60-200 ms and then flushes its queue (each packet held 0-200 ms, in order) and sends it on to the phone with the server's own source address and port
	# (raw socket; its output is NOTRACK too, so conntrack does not remap it). The WAN capture
	# (wan0, before the relay) sees the server's regular stream; the LAN sees it jittered.
	inr iptables -t raw -I PREROUTING 1 -i wan0 -p udp --sport 10000:20000 --dport 6000 -j NOTRACK || return 1
	inr iptables -t raw -I OUTPUT 1 -o lan0 -p udp --sport 10000:20000 -j NOTRACK || return 1
	inr iptables -I INPUT 1 -i wan0 -p udp --dport 6000 -m conntrack --ctstate UNTRACKED -j ACCEPT || return 1
	bg jitter-relay "$NSR" 20 python3 "$HERE/tools/jitter_relay.py" $GW_WAN 6000 $PHONE 6000 14 \
		"${VXLAB_STALL_MIN_MS:-60}" "${VXLAB_STALL_MAX_MS:-200}"
	wait_udp "$NSR" 6000 && start_server && capture || return 1
	# hold until the relay's queue is empty: RTP arriving after the phone's SIPp has exited
	# would draw ICMP port unreachables
	CALL_MS=$((CALL_MS + 800)) phone_call
}

sc_bandwidth() {
	# both ends send L16/16000 at 20 ms (640-byte payloads, 50 packets/s = 272 kbps at IP level)
	CALL_XML=call-l16.xml
	UAS_XML=uas-l16.xml
	python3 "$HERE/tools/rtp_pcap.py" "$WORK/audio-phone.pcap" 96 16000 20 640 "$BW_PKTS" deee1016 1000 &&
		python3 "$HERE/tools/rtp_pcap.py" "$WORK/audio-server.pcap" 96 16000 20 640 "$BW_PKTS" 5eca1016 21000 || return 1
	topology && start_server && capture || return 1
	phone_call
}

sc_snaplen() {
	# the LAN capture was taken with a 200-byte snap length (tcpdump -s 200): SIP bodies and RTP
	# payloads are cut; the WAN capture is whole
	LAN_SNAPLEN=${VXLAB_SNAPLEN:-200}
	topology && start_server && capture || return 1
	phone_call
}

# ---------------------------------------------------------------- main

write_profile
audio || { log "cannot prepare audio"; exit 1; }
log "namespaces $NSP $NSR $NSS, output $OUT"
"sc_$SCEN"
rc=$?
stop_capture
inr iptables-save >"$LOG/router-iptables.txt" 2>/dev/null
inr conntrack -L >"$LOG/router-conntrack.txt" 2>/dev/null || true
[ -s "$OUT/lan.pcap" ] && [ -s "$OUT/wan.pcap" ] || { log "capture missing"; rc=1; }
log "done rc=$rc: $(capinfos -c "$OUT/lan.pcap" 2>/dev/null | awk '/Number/{print $NF}') lan / $(capinfos -c "$OUT/wan.pcap" 2>/dev/null | awk '/Number/{print $NF}') wan packets"
exit $rc
