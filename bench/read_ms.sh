#!/usr/bin/env bash
# Benchmark: vispark's pure-Java reader against python-casacore getcol on the same >= 500 MB MS,
# same run. Columns: DATA, FLAG, UVW, TIME, ANTENNA1, ANTENNA2. Both read warm (page cache) data;
# each reader runs REPEAT times, alternating, and the best time of each is compared.
# Usage: bench/read_ms.sh [WORKDIR=bench/out] [REPEAT=3]
# Needs: mvn -q -DskipTests package (for the formats jar), Debian's python3-casacore.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out}
repeat=${2:-3}
target=${VISPARK_TARGET:-target}
jar=$(ls "$top"/formats/"$target"/vispark-formats-*.jar | head -n 1)
mkdir -p "$work"
ms="$work/bench_read.ms"
if [[ ! -d "$ms" ]]; then
  echo "generating $ms (64 antennas, 384 channels, 22 integrations, 2 pols, tiled) ..."
  /usr/bin/python3 "$top/../shared/tools/make_ms.py" "$ms" --nant 64 --nchan 384 --ntime 22 --dm tiled >/dev/null
fi
size_mb=$(du -sm "$ms" | cut -f1)
echo "MS: $ms (${size_mb} MB on disk)"
cols=(DATA FLAG UVW TIME ANTENNA1 ANTENNA2)
cat "$ms"/table.f* > /dev/null  # warm the page cache for both readers
best_java=999999; best_py=999999
for ((i = 0; i < repeat; i++)); do
  j=$(java -Xmx2g -cp "$jar" "$here/ReadBench.java" "$ms" 4096 "${cols[@]}")
  p=$(/usr/bin/python3 "$here/read_ms_casacore.py" "$ms" "${cols[@]}")
  tj=$(awk '/^java TOTAL/ {print $5}' <<<"$j")
  tp=$(awk '/^casacore TOTAL/ {print $5}' <<<"$p")
  bytes=$(awk '/^casacore TOTAL/ {print $3}' <<<"$p")
  echo "run $((i + 1)): java ${tj} s, python-casacore ${tp} s"
  best_java=$(awk -v a="$best_java" -v b="$tj" 'BEGIN {print (b < a) ? b : a}')
  best_py=$(awk -v a="$best_py" -v b="$tp" 'BEGIN {print (b < a) ? b : a}')
done
echo "$j"
echo "$p"
awk -v j="$best_java" -v p="$best_py" -v b="$bytes" 'BEGIN {
  printf "RESULT vispark %.0f MB/s, python-casacore getcol %.0f MB/s, ratio %.2fx (best of runs; %d MB of values)\n",
    b / j / 1e6, b / p / 1e6, p / j, b / 1e6 }'
