#!/usr/bin/env bash
# bench/flood.sh VXDIAG [CALLS] — 100 000 one-shot calls (200 000 RTP streams) from
# bench/gen_flood.py: vxdiag must finish and stay under 500 MiB peak RSS, with the caps'
# evictions reported. Prints wall time, peak RSS and what the report kept.
set -u
vx=${1:?usage: flood.sh VXDIAG [CALLS]}
calls=${2:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${BENCH_CACHE:-$root/bench/.cache}
mkdir -p "$cache"
f="$cache/flood-$((calls / 1000))k.pcap"
[ -s "$f" ] || { echo "bench: generating $f ($calls calls)"; python3 "$root/bench/gen_flood.py" "$f" "$calls" || exit 2; }
out=$(mktemp); trap 'rm -f "$out"' EXIT
read -r wall rss < <( { /usr/bin/time -f "%e %M" "$vx" report --format json --no-progress --out "$out" "$f" >/dev/null; } 2>&1 | tail -1)
python3 - "$out" "$wall" "$rss" "$calls" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); wall, rss, calls = float(sys.argv[2]), int(sys.argv[3]) / 1024, int(sys.argv[4])
ev = {k: v for k, v in r["counters"]["evictions"].items() if v}
print(f"flood: {calls} one-shot calls: {wall:.2f} s, peak RSS {rss:.0f} MiB (target < 500 MiB: {'met' if rss < 500 else 'NOT MET'})")
print(f"       calls reported {len(r['calls'])}, answered {sum(c['state'] == 'answered' for c in r['calls'])}, "
      f"RTP streams reported {len(r['rtp_streams'])}, evictions {ev}")
PY
