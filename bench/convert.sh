#!/usr/bin/env bash
# Benchmark: `vispark convert` (MS -> Parquet lake, embedded Spark local[*]) against python-casacore merely
# reading the same main-table columns (getcol), on the same N copies of a DSA-110-like MS, same run, warm
# page cache: python-casacore as today's pipelines read, one MS after another, and with one reader per core
# at once. Then the lake's file count and size statistics. Enough copies that the JVM's warm-up (its JIT
# compilers take several CPU seconds) is spread over an archive-like run.
# Usage: bench/convert.sh [WORKDIR=bench/out] [COPIES=12] [REPEAT=2] [extra convert options, e.g. --codec zstd]
# Needs: mvn -q -DskipTests package (bin/vispark), Debian's python3-casacore.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out}
copies=${2:-12}
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
cores=$(nproc)
# Seconds python-casacore spends in getcol over copies k, k+step, k+2*step, ... (one reader's share).
getcol_seconds() {
  local k=$1 step=$2 t=0 s
  for ((i = k; i < copies; i += step)); do
    s=$(/usr/bin/python3 "$here/read_ms_casacore.py" "$in/ms_$i.ms" "${cols[@]}" | awk '/^casacore TOTAL/ {print $5}')
    t=$(awk -v a="$t" -v b="$s" 'BEGIN {print a + b}')
  done
  echo "$t"
}
best_py=999999; best_par=999999; best_job=999999; best_wall=999999
for ((r = 0; r < repeat; r++)); do
  t_py=$(getcol_seconds 0 1)
  # One reader per core at once, each over its share of the copies: the slowest reader's getcol time.
  for ((k = 0; k < cores; k++)); do getcol_seconds "$k" "$cores" > "$work/reader_$k.s" & done
  wait
  t_par=$(cat "$work"/reader_*.s | sort -g | tail -1)
  rm -f "$work"/reader_*.s
  lake="$work/lake"
  rm -rf "$lake"
  t0=$(date +%s.%N)
  out=$("$top/bin/vispark" convert --lake "$lake" "$@" "$in/ms_*.ms")
  t1=$(date +%s.%N)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
  job=$(sed -n 's/.* MB in the lake, \([0-9.]*\) s .*/\1/p' <<<"$out")
  echo "run $((r + 1)): python-casacore getcol ${t_py} s (one reader), ${t_par} s ($cores readers at once);" \
    "vispark convert ${job} s (job), ${wall} s (with JVM and Spark start)"
  best_py=$(awk -v a="$best_py" -v b="$t_py" 'BEGIN {print (b < a) ? b : a}')
  best_par=$(awk -v a="$best_par" -v b="$t_par" 'BEGIN {print (b < a) ? b : a}')
  best_job=$(awk -v a="$best_job" -v b="$job" 'BEGIN {print (b < a) ? b : a}')
  best_wall=$(awk -v a="$best_wall" -v b="$wall" 'BEGIN {print (b < a) ? b : a}')
done
echo "$out" | tail -1
awk -v mb="$mb" -v p="$best_py" -v q="$best_par" -v j="$best_job" -v w="$best_wall" -v c="$cores" 'BEGIN {
  printf "RESULT convert %.0f MB/s of MS (job; %.0f MB/s with start-up), python-casacore getcol %.0f MB/s: ratio %.2fx (%.2fx with start-up)\n",
    mb / j, mb / w, mb / p, p / j, p / w
  printf "RESULT against %d python-casacore readers at once, %.0f MB/s: ratio %.2fx (%.2fx with start-up)\n",
    c, mb / q, q / j, q / w }'
/usr/bin/python3 "$here/lake_stats.py" "$work/lake"
