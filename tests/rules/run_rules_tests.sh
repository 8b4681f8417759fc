#!/bin/sh
# run_rules_tests.sh — the port, STUN, QoS, fragmentation, bandwidth, competing-traffic and
# TLS rules on deterministic synthetic captures (gen_captures.py), plus the lab's clean
# samples (no warning/critical from these rules). Usage: run_rules_tests.sh BINARY...
# Prints one line per check and ends with "N passed, M failed"; exit 1 on any failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 BINARY..." >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/vxrules.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
pass=0
fail=0
ok()  { pass=$((pass + 1)); echo "PASS $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

if timeout 120 python3 "$here/gen_captures.py" "$work/pcap"; then ok "generate synthetic captures"
else bad "generate synthetic captures"; fi

profile="$root/samples/lab.profile"
for bin in "$@"; do
    name=$(basename "$bin")
    out="$work/out-$name"
    mkdir -p "$out"
    for pcap in "$work"/pcap/*.pcap; do
        case_name=$(basename "$pcap" .pcap)
        if timeout 60 "$bin" report --format json --no-progress --profile "$profile" "$pcap" \
               >"$out/$case_name.json" 2>"$out/$case_name.err"; then :
        else bad "$name: $case_name: vxdiag exited $? ($(head -c 200 "$out/$case_name.err"))"; fi
    done
    for s in clean-lan clean-wan; do
        [ -f "$root/samples/$s.pcap" ] || { bad "$name: samples/$s.pcap missing"; continue; }
        timeout 60 "$bin" report --format json --no-progress --profile "$profile" "$root/samples/$s.pcap" \
            >"$out/sample-$s.json" 2>"$out/sample-$s.err" || bad "$name: sample $s: vxdiag exited $?"
    done
    timeout 60 "$bin" report --format json --no-progress --profile "$profile" "$root/samples/clean-lan.pcap" \
        --wan "$root/samples/clean-wan.pcap" >"$out/sample-clean-lan+wan.json" 2>"$out/sample-both.err" \
        || bad "$name: sample clean-lan --wan clean-wan: vxdiag exited $?"
    timeout 60 python3 "$here/check_findings.py" "$out" >"$out/checks.txt" 2>&1
    while IFS= read -r line; do
        case "$line" in
        "PASS "*) ok "$name: ${line#PASS }" ;;
        "FAIL "*) bad "$name: ${line#FAIL }" ;;
        "#counts "*) : ;;
        *) bad "$name: checker: $line" ;;
        esac
    done <"$out/checks.txt"
    grep -q '^#counts ' "$out/checks.txt" || bad "$name: checker did not finish"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
