#!/usr/bin/env bash
# Benchmark: `vispark flag` against Debian's `aoflagger` (generic strategy) on the same MS, same run, one core each:
# vispark on embedded local[1] (a lake converted from the MS beforehand, not timed; flag reads it and writes a new
# version), aoflagger -j 1 on a copy of the MS (it reads DATA and rewrites FLAG in place). Both judge every value of
# every baseline; throughput in values (channel x polarization x row) per second of wall time. RFI injected by the
# CI's injector (jobs/src/test/resources/flag/inject_rfi.py). Target: ratio >= 1.0.
# Usage: bench/flag.sh [WORKDIR=bench/out] [ANTENNAS=48] [CHANNELS=768] [REPEAT=2]
# Needs: mvn -q -DskipTests package, Debian's python3-casacore and aoflagger.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out}
nant=${2:-48}
nchan=${3:-768}
repeat=${4:-2}
mkdir -p "$work"
ms="$work/flag_${nant}x${nchan}.ms"
if [[ ! -d "$ms" ]]; then
  /usr/bin/python3 "$top/../shared/tools/make_ms.py" "$ms" --nant "$nant" --nchan "$nchan" --ntime 24 >/dev/null
  /usr/bin/python3 "$top/jobs/src/test/resources/flag/inject_rfi.py" "$ms" "$ms.rfi.txt"
fi
rows=$(/usr/bin/python3 -c "from casacore.tables import table; t = table('$ms', ack=False); print(t.nrows())")
values=$((rows * nchan * 2))
lake="$work/flag_lake"
vb=999999; ab=999999
for ((r = 0; r < repeat; r++)); do
  rm -rf "$lake"   # a fresh, unflagged version each run
  "$top/bin/vispark" convert --lake "$lake" --no-checksum "$ms" >/dev/null
  out=$("$top/bin/vispark" flag --lake "$lake" --master 'local[1]' | tail -1)
  v=$(sed -n 's/.*; \([0-9.]*\) s$/\1/p' <<<"$out")
  rm -rf "$work/flag_ao.ms" && cp -r "$ms" "$work/flag_ao.ms"
  t0=$(date +%s.%N)
  aoflagger -j 1 "$work/flag_ao.ms" >/dev/null 2>&1
  a=$(awk -v t0="$t0" -v t1="$(date +%s.%N)" 'BEGIN {printf "%.2f", t1 - t0}')
  echo "run $((r + 1)): vispark flag $v s ($out); aoflagger $a s"
  vb=$(awk -v a="$vb" -v b="$v" 'BEGIN {print (b < a) ? b : a}')
  ab=$(awk -v a="$ab" -v b="$a" 'BEGIN {print (b < a) ? b : a}')
done
awk -v v="$vb" -v a="$ab" -v n="$values" -v rows="$rows" -v nchan="$nchan" 'BEGIN {
  printf "RESULT flag, one core: vispark %.2f M values/s, aoflagger %.2f M values/s: ratio %.2fx (best of runs; %d rows x %d channels x 2 pol)\n",
    n / v / 1e6, n / a / 1e6, a / v, rows, nchan }'
