#!/usr/bin/env bash
# Benchmark: vispark's MeasurementSetWriter against python-casacore writing the same main-table columns
# (DATA, MODEL_DATA, FLAG, UVW, WEIGHT, SIGMA and the scalars) of the same MS, same run, values already in
# memory for both; each writer runs REPEAT times, alternating, and the best time of each is compared. The JVM
# writes 3 times per run (the first cold, JIT included); the first write of the first run is reported too.
# Usage: bench/export_ms.sh [WORKDIR=bench/out] [REPEAT=3]
# Needs: mvn -q -DskipTests package (for the formats jar), Debian's python3-casacore.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out}
repeat=${2:-3}
target=${VISPARK_TARGET:-target}
jar=$(ls "$top"/formats/"$target"/vispark-formats-*.jar | head -n 1)
mkdir -p "$work"
ms="$work/bench_read.ms"   # shared with bench/read_ms.sh
if [[ ! -d "$ms" ]]; then
  echo "generating $ms (64 antennas, 384 channels, 22 integrations, 2 pols, tiled) ..."
  /usr/bin/python3 "$top/../shared/tools/make_ms.py" "$ms" --nant 64 --nchan 384 --ntime 22 --dm tiled >/dev/null
fi
best_java=999999; best_py=999999; mb=0; cold=
for ((i = 0; i < repeat; i++)); do
  j=$(java -Xmx6g -cp "$jar" "$here/ExportMsBench.java" "$ms" "$work/export_java.ms")
  p=$(/usr/bin/python3 "$here/export_ms_casacore.py" "$ms" "$work/export_py.ms")
  tj=$(awk '/^java TOTAL/ {if (m == "" || $3 < m) m = $3} END {print m}' <<<"$j")
  mb=$(awk '/^java TOTAL/ {print $5; exit}' <<<"$j")
  [[ -n "$cold" ]] || cold=$(awk '/^java TOTAL/ {print $3; exit}' <<<"$j")
  tp=$(awk '/^python TOTAL/ {print $3}' <<<"$p")
  echo "run $((i + 1)): vispark ${tj} s, python-casacore ${tp} s"
  best_java=$(awk -v a="$best_java" -v b="$tj" 'BEGIN {print (b < a) ? b : a}')
  best_py=$(awk -v a="$best_py" -v b="$tp" 'BEGIN {print (b < a) ? b : a}')
done
echo "written: vispark $(du -sm "$work/export_java.ms" | cut -f1) MB, python-casacore $(du -sm "$work/export_py.ms" | cut -f1) MB on disk"
awk -v j="$best_java" -v p="$best_py" -v b="$mb" 'BEGIN {
  printf "RESULT vispark %.0f MB/s, python-casacore %.0f MB/s, ratio %.2fx (best of runs; %d MB of values)\n",
         b / j, b / p, p / j, b }'
awk -v c="$cold" -v b="$mb" 'BEGIN { printf "vispark first write in a cold JVM: %.3f s, %.0f MB/s\n", c, b / c }'
