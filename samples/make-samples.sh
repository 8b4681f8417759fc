#!/usr/bin/env bash
# Regenerate the shipped sample captures from the namespace lab (tests/lab/lab.sh), as root.
#   samples/make-samples.sh            -> samples/*.pcap + samples/lab.profile
# Every capture is real traffic between SIPp / Kamailio / the kernel's NAT and SIP ALG inside
# private network namespaces (192.168.50.0/24 LAN, 198.51.100.0/24 "internet").
set -u -o pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB=$HERE/../tests/lab/lab.sh
[ "$(id -u)" = 0 ] || { echo "$0: must run as root" >&2; exit 2; }
TMP=$(mktemp -d /tmp/vxsamples.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export VXLAB_CALL_MS=${VXLAB_CALL_MS:-3500} VXLAB_AUDIO_PKTS=${VXLAB_AUDIO_PKTS:-110}

# scenario        side  sample name
MAP="clean          lan  clean-lan
clean           wan  clean-wan
alg             lan  alg-lan
alg             wan  alg-wan
proxy           lan  proxy-lan
proxy           wan  proxy-wan
inbound_drop    lan  inbound-drop-lan
inbound_drop    wan  inbound-drop-wan
nat_timeout     lan  nat-timeout-lan
nat_timeout     wan  nat-timeout-wan
loss            lan  loss-lan
partial_server  lan  partial-server-lan
one_way         lan  one-way-lan
one_way         wan  one-way-wan"

rc=0
for s in $(echo "$MAP" | awk '{print $1}' | uniq); do
	timeout 60 "$LAB" "$s" "$TMP/$s" 2> >(grep -v 'could be dangerous' >&2) || { echo "scenario $s failed" >&2; rc=1; continue; }
done
"$HERE/../tests/lab/verify.sh" "$TMP" >"$TMP/verify.txt" || { cat "$TMP/verify.txt"; echo "verification failed" >&2; rc=1; }
tail -1 "$TMP/verify.txt"
echo "$MAP" | while read -r s side name; do
	src=$TMP/$s/$side.pcap
	[ -s "$src" ] || { echo "missing $src" >&2; continue; }
	cp "$src" "$HERE/$name.pcap"
	chmod 644 "$HERE/$name.pcap"
	size=$(stat -c %s "$HERE/$name.pcap")
	[ "$size" -lt 300000 ] || echo "WARNING: $name.pcap is $size bytes (> 300 KB)" >&2
	printf '%-26s %7d bytes %4d packets\n' "$name.pcap" "$size" "$(capinfos -c -M "$HERE/$name.pcap" | awk '/Number/{print $NF}')"
done
cp "$TMP/clean/profile" "$HERE/lab.profile"
chmod 644 "$HERE/lab.profile"
exit $rc
