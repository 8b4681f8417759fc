#!/usr/bin/env bash
# Check lab captures with tshark: does each scenario show on the wire what it should?
#   tests/lab/verify.sh OUTDIR            (OUTDIR from `lab.sh all OUTDIR`: OUTDIR/SCENARIO/{lan,wan}.pcap)
#   tests/lab/verify.sh -s SCENARIO DIR   (one scenario's DIR with lan.pcap and wan.pcap)
set -u -o pipefail
FAILS=0

ok()   { printf '  ok    %s\n' "$*"; }
bad()  { printf '  FAIL  %s\n' "$*"; FAILS=$((FAILS + 1)); }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }

ts() { tshark -r "$1" -Y "$2" -T fields -E occurrence=f "${@:3}" 2>/dev/null; }   # file filter -e ...
cnt() { tshark -r "$1" -Y "$2" 2>/dev/null | wc -l; }                            # file filter
rtp() { tshark -q -o rtp.heuristic_rtp:TRUE -z rtp,streams -r "$1" 2>/dev/null | awk '$1 ~ /^[0-9.]+$/ && NF >= 10'; }
# RTP stream field from line matching "src srcport dst": $3 src $4 sport $5 dst $6 dport $9 pkts $10 lost
rtpf() { rtp "$1" | awk -v s="$2" -v d="$3" -v f="$4" '$3==s && $5==d {print $f; exit}'; }

ge() { [ "${1:-0}" -ge "$2" ]; }
eq() { [ "${1:-x}" = "$2" ]; }
ne() { [ "${1:-x}" != "$2" ]; }

call_flow() { # file: the basic call is complete on this capture
	local f=$1 m
	for m in REGISTER INVITE ACK BYE; do
		check "$(basename "$f"): $m sent" ge "$(cnt "$f" "sip.Method==$m")" 1
	done
	check "$(basename "$f"): 200 OK for REGISTER, INVITE, BYE" eq \
		"$(ts "$f" 'sip.Status-Code==200' -e sip.CSeq.method | sort -u | tr '\n' ' ')" "BYE INVITE REGISTER "
}

responses_have_received_rport() { # every response's top Via carries received= and rport=N
	local f=$1 n bad_n
	n=$(cnt "$f" 'sip.Status-Code')
	bad_n=$(ts "$f" 'sip.Status-Code' -e sip.Via | grep -Evc 'received=.*rport=[0-9]|rport=[0-9].*received=')
	check "$(basename "$f"): all $n responses have received= and rport= on the top Via" eq "$bad_n" 0
}

two_way_rtp() { # file phone-address
	local f=$1 ph=$2
	check "$(basename "$f"): RTP phone->server >= 100 packets" ge "$(rtpf "$f" "$ph" 198.51.100.11 9)" 100
	check "$(basename "$f"): RTP server->phone >= 100 packets" ge "$(rtpf "$f" 198.51.100.11 "$ph" 9)" 100
}

v_clean() {
	call_flow "$1"; call_flow "$2"
	responses_have_received_rport "$1"
	two_way_rtp "$1" 192.168.50.10; two_way_rtp "$2" 198.51.100.1
	check "lan: no RTP loss" eq "$(rtp "$1" | awk '{s+=$10} END{print s+0}')" 0
	check "wan: INVITE Via/Contact/SDP unchanged by the router (private 192.168.50.10)" eq \
		"$(ts "$2" 'sip.Method==INVITE' -e sip.Via.sent-by.address -e sip.contact.uri -e sdp.connection_info | head -1)" \
		"$(printf '192.168.50.10\tsip:201@192.168.50.10:5060\tIN IP4 192.168.50.10')"
}

v_alg() {
	call_flow "$1"; call_flow "$2"
	local l w
	l=$(ts "$1" 'sip.Method==INVITE' -e sip.Via.sent-by.address -e sip.contact.uri -e sdp.connection_info -e sip.Content-Length | head -1)
	w=$(ts "$2" 'sip.Method==INVITE' -e sip.Via.sent-by.address -e sip.contact.uri -e sdp.connection_info -e sip.Content-Length | head -1)
	echo "    lan INVITE: $l"; echo "    wan INVITE: $w"
	check "lan INVITE carries the phone's own address" eq "$(cut -f1 <<<"$l")" 192.168.50.10
	check "wan INVITE Via rewritten to the NAT address" eq "$(cut -f1 <<<"$w")" 198.51.100.1
	check "wan INVITE Contact rewritten" eq "$(cut -f2 <<<"$w")" sip:201@198.51.100.1:5060
	check "wan INVITE SDP c= rewritten" eq "$(cut -f3 <<<"$w")" "IN IP4 198.51.100.1"
	check "Content-Length changed by the rewrite" ne "$(cut -f4 <<<"$l")" "$(cut -f4 <<<"$w")"
	check "wan REGISTER Contact rewritten" eq "$(ts "$2" 'sip.Method==REGISTER' -e sip.contact.uri | head -1)" sip:201@198.51.100.1:5060
	check "lan responses' Via received= rewritten back to the private address" ge \
		"$(ts "$1" 'sip.Status-Code' -e sip.Via | grep -c 'received=192.168.50.10')" 1
	two_way_rtp "$1" 192.168.50.10
}

v_proxy() {
	call_flow "$1"
	check "lan: phone sends SIP to the on-site proxy 192.168.50.1:5060" eq \
		"$(ts "$1" 'sip.Method==INVITE' -e ip.dst -e udp.dstport | head -1)" "$(printf '192.168.50.1\t5060')"
	check "lan: 200 OK (INVITE) Record-Route has a non-VoiceX hop (192.168.50.1)" ge \
		"$(ts "$1" 'sip.Status-Code==200 && sip.CSeq.method==INVITE' -e sip.Record-Route | grep -c '192.168.50.1')" 1
	check "wan: INVITE has 2 Vias, top one is the proxy 198.51.100.1" eq \
		"$(tshark -r "$2" -Y 'sip.Method==INVITE' -T fields -e sip.Via.sent-by.address 2>/dev/null | head -1)" \
		"198.51.100.1,192.168.50.10"
	two_way_rtp "$1" 192.168.50.10
}

v_inbound_drop() {
	local n
	n=$(cnt "$2" 'sip.Method==INVITE && ip.src==198.51.100.11 && udp.srcport==5080')
	check "wan: server INVITE sent $n times (retransmitted)" ge "$n" 3
	check "wan: INVITE retransmissions share one branch" eq \
		"$(ts "$2" 'sip.Method==INVITE' -e sip.Via.branch | sort -u | wc -l)" 1
	check "wan: no response to the INVITE from the site" eq "$(cnt "$2" 'sip.Status-Code && sip.CSeq.method==INVITE')" 0
	check "lan: INVITE never reaches the phone" eq "$(cnt "$1" 'sip.Method==INVITE')" 0
	check "lan: phone registered (200 OK)" ge "$(cnt "$1" 'sip.Status-Code==200 && sip.CSeq.method==REGISTER')" 1
}

v_nat_timeout() {
	local p
	p=$(ts "$2" 'sip.Status-Code==200 && sip.CSeq.method==REGISTER' -e sip.Via.rport | sort -u | wc -l)
	echo "    rport values: $(ts "$1" 'sip.Status-Code==200 && sip.CSeq.method==REGISTER' -e frame.time_relative -e sip.Via | sed 's/.*rport=\([0-9]*\).*/\1/' | tr '\n' ' ')"
	check "REGISTER refresh seen with the same Call-ID" eq "$(ts "$1" 'sip.Method==REGISTER' -e sip.Call-ID | sort -u | wc -l)" 1
	check "the server sees a different rport= after the idle gap" eq "$p" 2
	check "wan: INVITE after the idle gap retransmitted (>= 3)" ge "$(cnt "$2" 'sip.Method==INVITE')" 3
	check "wan: no response to it" eq "$(cnt "$2" 'sip.Status-Code && sip.CSeq.method==INVITE')" 0
	check "lan: INVITE never reaches the phone" eq "$(cnt "$1" 'sip.Method==INVITE')" 0
}

v_loss() {
	call_flow "$1"
	local l w
	l=$(rtpf "$1" 198.51.100.11 192.168.50.10 10); w=$(rtpf "$2" 198.51.100.11 198.51.100.1 10)
	echo "    server->phone lost: lan $l, wan $w"
	check "lan: server->phone RTP has losses" ge "$l" 1
	check "wan: the same stream has none (lost on the site)" eq "$w" 0
	check "lan: phone->server RTP has none" eq "$(rtpf "$1" 192.168.50.10 198.51.100.11 10)" 0
}

v_partial_server() {
	local s
	for s in 198.51.100.11 198.51.100.13; do
		check "lan: $s answers REGISTER and OPTIONS" eq \
			"$(ts "$1" "sip.Status-Code==200 && ip.src==$s" -e sip.CSeq.method | sort -u | tr '\n' ' ')" "OPTIONS REGISTER "
	done
	check "lan: REGISTER to .12 retransmitted (>= 3)" ge "$(cnt "$1" 'sip.Method==REGISTER && ip.dst==198.51.100.12')" 3
	check "lan: OPTIONS to .12 retransmitted (>= 3)" ge "$(cnt "$1" 'sip.Method==OPTIONS && ip.dst==198.51.100.12')" 3
	check "lan: nothing ever from .12" eq "$(cnt "$1" 'ip.src==198.51.100.12')" 0
	check "wan: nothing to/from .12 leaves the site" eq "$(cnt "$2" 'ip.addr==198.51.100.12')" 0
}

v_one_way() {
	call_flow "$1"
	check "lan: phone->server RTP flows" ge "$(rtpf "$1" 192.168.50.10 198.51.100.11 9)" 100
	check "lan: no server->phone RTP at all" eq "$(rtp "$1" | awk '$3=="198.51.100.11"' | wc -l)" 0
	check "wan: server->phone RTP is sent (lost on the site)" ge "$(rtpf "$2" 198.51.100.11 198.51.100.1 9)" 100
}

v_stun() {
	check "lan: >= 6 STUN requests to the blocked 198.51.100.20:19302" ge "$(cnt "$1" 'stun.type==0x0001 && ip.dst==198.51.100.20 && udp.dstport==19302')" 6
	check "lan: no answer from 198.51.100.20" eq "$(cnt "$1" 'ip.src==198.51.100.20')" 0
	check "lan: 198.51.100.21 answers (success responses)" ge "$(cnt "$1" 'stun.type==0x0101 && ip.src==198.51.100.21')" 5
	check "wan: nothing to 198.51.100.20 left the site" eq "$(cnt "$2" 'ip.addr==198.51.100.20')" 0
	check "wan: the .21 exchange passes the NAT" ge "$(cnt "$2" 'stun.type==0x0101 && ip.src==198.51.100.21')" 5
}

v_frag() {
	local f
	call_flow "$1"; call_flow "$2"
	for f in "$1" "$2"; do
		check "$(basename "$f"): INVITE sent in IP fragments (first fragment MF=1)" ge "$(cnt "$f" 'ip.flags.mf==1 && ip.src!=198.51.100.11')" 1
		check "$(basename "$f"): reassembled INVITE > 1500 bytes" ge "$(ts "$f" 'sip.Method==INVITE' -e udp.length | head -1)" 1500
	done
	two_way_rtp "$1" 192.168.50.10
}

v_competing() {
	check "lan: bulk HTTP download from 198.51.100.30:80 > 300 KB" ge \
		"$(ts "$1" 'ip.src==198.51.100.30 && tcp.srcport==80' -e tcp.len | awk '{s+=$1} END{print s+0}')" 300000
	check "lan: HTTP GET sent" ge "$(cnt "$1" 'http.request.method==GET')" 1
	check "lan: server->phone RTP lost packets" ge "$(rtpf "$1" 198.51.100.11 192.168.50.10 10)" 1
	check "wan: server->phone RTP complete (lost in the router's queue to the LAN)" eq "$(rtpf "$2" 198.51.100.11 198.51.100.1 10)" 0
}

v_ports() {
	check "lan: REGISTER to 198.51.100.11:5070" ge "$(cnt "$1" 'sip.Method==REGISTER && udp.dstport==5070')" 1
	check "lan: 200 OK from 5070" ge "$(cnt "$1" 'sip.Status-Code==200 && udp.srcport==5070')" 1
	check "lan: TCP 8088 handshake completes (SYN-ACK)" ge "$(cnt "$1" 'tcp.srcport==8088 && tcp.flags.syn==1 && tcp.flags.ack==1')" 1
	check "lan: TCP 8089 SYN retried (>= 2 SYNs)" ge "$(cnt "$1" 'tcp.dstport==8089 && tcp.flags.syn==1 && tcp.flags.ack==0')" 2
	check "lan: no SYN-ACK from 8089" eq "$(cnt "$1" 'tcp.srcport==8089')" 0
	check "wan: no 8089 packet left the site" eq "$(cnt "$2" 'tcp.port==8089')" 0
}

v_qos() {
	local f
	call_flow "$1"; call_flow "$2"
	for f in "$1" "$2"; do
		check "$(basename "$f"): every RTP packet from the phone is EF (46)" eq \
			"$(ts "$f" 'udp.srcport==6000' -e ip.dsfield.dscp | sort -u | tr '\n' ' ')" "46 "
		check "$(basename "$f"): every SIP message from the phone is CS3 (24)" eq \
			"$(ts "$f" 'sip && udp.srcport==5060' -e ip.dsfield.dscp | sort -u | tr '\n' ' ')" "24 "
	done
}

v_tls() {
	call_flow "$1"; call_flow "$2"
	check "lan: TLS ClientHello to 198.51.100.11:5081" ge "$(cnt "$1" 'tls.handshake.type==1 && tcp.dstport==5081')" 1
	check "lan: TLS ServerHello from 5081" ge "$(cnt "$1" 'tls.handshake.type==2 && tcp.srcport==5081')" 1
	check "lan: INVITE offers RTP/SAVP with a=crypto" eq "$(ts "$1" 'sip.Method==INVITE' -e sdp.media.proto | head -1)" "RTP/SAVP"
	two_way_rtp "$1" 192.168.50.10
}

v_no_rtp() {
	local f
	for f in "$1" "$2"; do
		call_flow "$f"
		check "$(basename "$f"): no RTP at all (blocked before both capture points)" eq "$(rtp "$f" | wc -l)" 0
		check "$(basename "$f"): nothing on the media ports" eq "$(cnt "$f" 'udp.port==6000 || udp.port==10000')" 0
	done
}

v_jitter() {
	call_flow "$1"
	local l w
	l=$(rtpf "$1" 198.51.100.11 192.168.50.10 16); w=$(rtpf "$2" 198.51.100.11 198.51.100.1 16)
	echo "    server->phone mean jitter (ms): lan $l, wan $w; max delta lan $(rtpf "$1" 198.51.100.11 192.168.50.10 14) ms"
	check "lan: server->phone mean jitter >= 30 ms" awk -v j="${l:-0}" 'BEGIN{exit !(j >= 30)}'
	check "wan: the same stream is regular (mean jitter < 5 ms)" awk -v j="${w:-99}" 'BEGIN{exit !(j < 5)}'
	check "lan: server->phone RTP complete (110, 0 lost)" eq "$(rtpf "$1" 198.51.100.11 192.168.50.10 9)/$(rtpf "$1" 198.51.100.11 192.168.50.10 10)" "110/0"
	check "lan: no ICMP" eq "$(cnt "$1" icmp)" 0
}

v_bandwidth() {
	local f
	call_flow "$1"; call_flow "$2"
	for f in "$1" "$2"; do
		check "$(basename "$f"): both RTP streams are 640-byte L16 payloads (694-byte frames)" eq \
			"$(ts "$f" 'rtp' -e frame.len -d udp.port==6000,rtp | sort -u | tr '\n' ' ')" "694 "
		check "$(basename "$f"): >= 160 RTP packets each way" ge "$(cnt "$f" 'udp.srcport==6000 && udp.dstport==10000')" 160
	done
}

v_snaplen() {
	call_flow "$2"
	check "lan.pcap snap length 200" eq "$(capinfos -l "$1" 2>/dev/null | awk -F: '/Packet size limit/ {gsub(/[^0-9]/,"",$NF); print $NF; exit}')" 200
	check "lan: INVITE cut (captured 200 of 618 bytes)" ge "$(cnt "$1" 'frame.cap_len < frame.len && frame.len > 600')" 1
	check "wan: no packet cut" eq "$(cnt "$2" 'frame.cap_len < frame.len')" 0
}

run() { # scenario dir
	echo "== $1 ($2)"
	[ -s "$2/lan.pcap" ] && [ -s "$2/wan.pcap" ] || { bad "$2/lan.pcap or wan.pcap missing"; return; }
	"v_$1" "$2/lan.pcap" "$2/wan.pcap"
}

if [ "${1:-}" = -s ]; then
	run "$2" "$3"
else
	[ $# -eq 1 ] || { echo "usage: $0 OUTDIR | $0 -s SCENARIO DIR" >&2; exit 2; }
	for s in clean alg proxy inbound_drop nat_timeout loss partial_server one_way stun frag competing ports qos tls no_rtp jitter bandwidth snaplen; do
		[ -d "$1/$s" ] && run "$s" "$1/$s"
	done
fi
echo "verify: $FAILS failure(s)"
[ "$FAILS" -eq 0 ]
