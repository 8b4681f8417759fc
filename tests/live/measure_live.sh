#!/bin/bash
# measure_live.sh — a measurement, not a test: replays a generated VoIP capture
# (../shared/bench/gen_voip_pcap.py) into a veth in namespaces of our own at several rates
# and prints, per rate, what tcpreplay achieved and what `vxdiag live` analysed and dropped.
# Usage: tests/live/measure_live.sh ./vxdiag [CALLS] [RATES...]   (root)
set -u
BIN=$(readlink -f "${1:-./vxdiag}"); CALLS=${2:-400}; shift 2 2>/dev/null
RATES=${*:-"50000 100000 150000 200000 250000 topspeed"}
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 0; }
NSA=vxlive-$$-a; NSB=vxlive-$$-b; VA=vxa$$; VB=vxb$$
WORK=$(mktemp -d /tmp/vxmeasure.XXXXXX)
cleanup() { ip netns del "$NSA" 2>/dev/null; ip netns del "$NSB" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
ip netns add "$NSA"; ip netns add "$NSB"
ip link add "$VA" netns "$NSA" type veth peer name "$VB" netns "$NSB"
ip -n "$NSA" link set "$VA" up; ip -n "$NSB" link set "$VB" up
python3 "${VX_SHARED:-$(dirname "$0")/../../../shared}/bench/gen_voip_pcap.py" --calls "$CALLS" --duration 20 --out "$WORK/v.pcap" --quiet
# the generator uses public VoiceX addresses: map every address into 10.0.0.0/8 so that the
# frames replayed on our own veth carry only private addresses
tcprewrite --pnat=0.0.0.0/0:10.0.0.0/8 --infile="$WORK/v.pcap" --outfile="$WORK/v10.pcap" && mv "$WORK/v10.pcap" "$WORK/v.pcap"
PKTS=$(tcpdump -r "$WORK/v.pcap" -nn 2>/dev/null | wc -l)
echo "capture: $CALLS calls, $PKTS packets; host: $(nproc) cores"
printf "%-9s %12s %12s %10s %10s %10s %8s\n" rate sent_pps analysed kernel_drop ring_drop iface_drop cpu_s
for rate in $RATES; do
    if [ "$rate" = topspeed ]; then RARG=--topspeed; else RARG="--pps=$rate"; fi
    ip netns exec "$NSA" "$BIN" live --no-tui -i "$VA" --all-traffic \
        --duration 600 --format json --out "$WORK/r.json" 2>"$WORK/err" &
    VX=$!
    sleep 1.5
    ip netns exec "$NSB" timeout 120 tcpreplay -i "$VB" $RARG "$WORK/v.pcap" >"$WORK/rep" 2>&1
    sleep 1.5
    CPU=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' /proc/$VX/stat)
    kill -INT "$VX"; wait "$VX"
    SENT=$(awk '/Rated:/ {print $(NF-1)}' "$WORK/rep")
    LINE=$(grep "packets analysed" "$WORK/err")
    AN=$(echo "$LINE" | awk '{print $2}')
    KD=$(echo "$LINE" | sed 's/.*kernel \([0-9]*\).*/\1/'); ID=$(echo "$LINE" | sed 's/.*interface \([0-9]*\).*/\1/')
    RD=$(echo "$LINE" | sed 's/.*ring \([0-9]*\).*/\1/')
    printf "%-9s %12s %12s %10s %10s %10s %8s\n" "$rate" "$SENT" "$AN" "$KD" "$RD" "$ID" "$CPU"
done
