#!/usr/bin/env bash
# Benchmark: `vispark convert` (MS -> Parquet lake, embedded Spark local[*]) against python-casacore merely
# reading the same main-table columns (getcol), on the same N copies of a DSA-110-like MS, same run, warm
# page cache. Then the lake's file count and size statistics.
# Usage: bench/convert.sh [WORKDIR=bench/out] [COPIES=4] [REPEAT=2] [extra convert options, e.g. --codec zstd]
# Needs: mvn -q -DskipTests package (bin/vispark), Debian's python3-casacore.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out}
copies=${2:-4}
repeat=${3:-2}
shift $(( $# < 3 ? $# : 3 ))
mkdir -p "$work"
base="$work/bench_read.ms"   # shared with bench/read_ms.sh
if [[ ! -d "$base" ]]; then
  echo "generating $base (64 antennas, 384 channels, 22 integrations, 2 pols, tiled) ..."
  /usr/bin/python3 "$top/../shared/tools/make_ms.py" "$base" --nant 64 --nchan 384 --ntime 22 --dm tiled >/dev/null
fi
in="$work/convert_in"
if [[ $(ls -d "$in"/ms_*.ms 2>/dev/null | wc -l) -ne $copies ]]; then
  rm -rf "$in" && mkdir -p "$in"
  for ((i = 0; i < copies; i++)); do cp -r "$base" "$in/ms_$i.ms"; done
fi
mb=$(du -smc "$in"/ms_*.ms | tail -1 | cut -f1)
echo "input: $copies copies of $(basename "$base"), $mb MB on disk; $(nproc) cores"
cols=(TIME INTERVAL EXPOSURE TIME_CENTROID ANTENNA1 ANTENNA2 FEED1 FEED2 FIELD_ID DATA_DESC_ID SCAN_NUMBER
      OBSERVATION_ID ARRAY_ID STATE_ID PROCESSOR_ID FLAG_ROW UVW WEIGHT SIGMA DATA FLAG MODEL_DATA)
cat "$in"/ms_*.ms/table.f* > /dev/null
best_py=999999; best_job=999999; best_wall=999999
for ((r = 0; r < repeat; r++)); do
  t_py=0
  for ((i = 0; i < copies; i++)); do
    s=$(/usr/bin/python3 "$here/read_ms_casacore.py" "$in/ms_$i.ms" "${cols[@]}" | awk '/^casacore TOTAL/ {print $5}')
    t_py=$(awk -v a="$t_py" -v b="$s" 'BEGIN {print a + b}')
  done
  lake="$work/lake"
  rm -rf "$lake"
  t0=$(date +%s.%N)
  out=$("$top/bin/vispark" convert --lake "$lake" "$@" "$in/ms_*.ms")
  t1=$(date +%s.%N)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
  job=$(sed -n 's/.* MB in the lake, \([0-9.]*\) s .*/\1/p' <<<"$out")
  echo "run $((r + 1)): python-casacore getcol ${t_py} s; vispark convert ${job} s (job), ${wall} s (with JVM and Spark start)"
  best_py=$(awk -v a="$best_py" -v b="$t_py" 'BEGIN {print (b < a) ? b : a}')
  best_job=$(awk -v a="$best_job" -v b="$job" 'BEGIN {print (b < a) ? b : a}')
  best_wall=$(awk -v a="$best_wall" -v b="$wall" 'BEGIN {print (b < a) ? b : a}')
done
echo "$out" | tail -1
awk -v mb="$mb" -v p="$best_py" -v j="$best_job" -v w="$best_wall" 'BEGIN {
  printf "RESULT convert %.0f MB/s of MS (job; %.0f MB/s with start-up), python-casacore getcol %.0f MB/s: ratio %.2fx (%.2fx with start-up)\n",
    mb / j, mb / w, mb / p, p / j, p / w }'
/usr/bin/python3 "$here/lake_stats.py" "$work/lake"
