#!/bin/bash
# run_golden.sh BINARY [--update] — the project's own lab samples against their reviewed
# expected text reports (tests/golden/*.txt). A difference fails and is shown as a diff;
# --update rewrites the expected files (review the diff before committing them).
set -u
BIN=${1:?usage: run_golden.sh BINARY [--update]}
UPDATE=${2:-}
cd "$(dirname "$0")/../.."
pass=0 fail=0
check() {   # name, args...
    local name=$1; shift
    local expected=tests/golden/$name.txt actual
    actual=$(timeout 60 "$BIN" report --format text --no-progress --profile samples/lab.profile "$@" 2>&1)
    local rc=$?
    if [ "$UPDATE" = --update ]; then printf '%s\n' "$actual" >"$expected"; echo "updated $name"; return; fi
    if [ $rc -ne 0 ]; then echo "FAIL $name: exit $rc"; fail=$((fail + 1)); return; fi
    if diff -u "$expected" <(printf '%s\n' "$actual") >/tmp/golden-$$.diff; then
        echo "ok $name"; pass=$((pass + 1))
    else
        echo "FAIL $name: report differs from $expected"; head -40 /tmp/golden-$$.diff; fail=$((fail + 1))
    fi
    rm -f /tmp/golden-$$.diff
}
for f in samples/*-lan.pcap; do
    base=$(basename "$f" -lan.pcap)
    check "$base-lan" "$f"
    [ -f "samples/$base-wan.pcap" ] && check "$base-wan" "samples/$base-wan.pcap"
    [ -f "samples/$base-wan.pcap" ] && check "$base-lan+wan" "$f" --wan "samples/$base-wan.pcap"
done
[ "$UPDATE" = --update ] && exit 0
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
