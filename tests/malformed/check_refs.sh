#!/usr/bin/env bash
# check_refs.sh OUTDIR - cross-check gen_malformed.py's expectations against reference readers
# (no vxdiag needed). Generates the files into OUTDIR, then for each case:
#   plain capture files: `tcpdump -r` (libpcap) must
#       exit2 -> fail at open (no packet printed);
#       ok    -> open the file and print at least one packet, or stop only because tcpdump has
#                no printer for the link type ("unknown data link type": DLT 147, 65000).
#   *.gz (libpcap cannot read gzip): `tshark -r` must fail with no packet (exit2) or print at
#       least one packet (ok).
# Known libpcap 1.10.3 gap: it accepts linktype reserved bits (linktype_reserved_bits.pcap is
# only refused by tcpdump's printer lookup); vxdiag must check pcap_datalink() & 0x03FF0000 itself.
# Prints "ok NAME" / "FAIL NAME: why" and "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
out=$1
python3 "$here/gen_malformed.py" "$out" || exit 2
command -v tcpdump >/dev/null || { echo "check_refs: tcpdump not installed" >&2; exit 2; }
command -v tshark >/dev/null || { echo "check_refs: tshark not installed" >&2; exit 2; }
pass=0 fail=0
while IFS=$'\t' read -r name expect _desc; do
    [ "$name" = file ] && continue
    f=$out/$name
    case "$name" in
    *.gz)
        n=$(timeout 30 tshark -n -r "$f" 2>/dev/null | wc -l)
        err=$(timeout 30 tshark -n -r "$f" 2>&1 >/dev/null | grep -v 'Running as user' | head -n1)
        ;;
    *)
        n=$(timeout 30 tcpdump -nn -r "$f" 2>/dev/null | wc -l)
        err=$(timeout 30 tcpdump -nn -r "$f" 2>&1 >/dev/null | grep -v '^reading from' | head -n1)
        ;;
    esac
    why=""
    if [ "$expect" = exit2 ]; then
        [ "$n" -eq 0 ] && [ -n "$err" ] || why="reference reader accepted it ($n packets)"
    else
        if [ "$n" -eq 0 ] && [ "${err#*unknown data link type}" = "$err" ]; then
            why="reference reader read no packet: $err"
        fi
    fi
    if [ -z "$why" ]; then echo "ok $name"; pass=$((pass + 1))
    else echo "FAIL $name: $why"; fail=$((fail + 1)); fi
done <"$out/cases.tsv"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
