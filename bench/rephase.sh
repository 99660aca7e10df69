#!/usr/bin/env bash
# Benchmark: `vispark rephase` of a whole lake (UVW rotation and phase factor of DATA and MODEL_DATA per row,
# new version written and committed) against a plain Spark read-and-write copy of the same lake's
# visibilities (bench/CopyLake.java), same run, both on embedded local[*]. Target: ratio >= 0.8.
# Usage: bench/rephase.sh [WORKDIR=bench/out] [COPIES=4] [REPEAT=2]
# Needs: mvn -q -DskipTests package, Debian's python3-casacore (to generate the MS).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out}
copies=${2:-4}
repeat=${3:-2}
mkdir -p "$work"
base="$work/bench_read.ms"   # shared with bench/read_ms.sh and bench/convert.sh
if [[ ! -d "$base" ]]; then
  /usr/bin/python3 "$top/../shared/tools/make_ms.py" "$base" --nant 64 --nchan 384 --ntime 22 --dm tiled >/dev/null
fi
in="$work/rephase_in"
if [[ $(ls -d "$in"/ms_*.ms 2>/dev/null | wc -l) -ne $copies ]]; then
  rm -rf "$in" && mkdir -p "$in"
  for ((i = 0; i < copies; i++)); do cp -r "$base" "$in/ms_$i.ms"; done
fi
lake="$work/rephase_lake"
rm -rf "$lake"
"$top/bin/vispark" convert --lake "$lake" --no-checksum "$in/ms_*.ms" | tail -1
mb=$(du -sm "$lake/visibilities" | cut -f1)   # before rephase runs add new versions beside the old
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED)
cp_best=999999; rp_best=999999
# alternate between two targets so that every run rephases every MS
targets=("J2000 129.5deg 55.5deg" "J2000 128.571864deg 54.665223deg")
for ((r = 0; r < repeat; r++)); do
  c=$(java -Xmx4g "${opens[@]}" -Dlog4j2.configurationFile="$top/conf/log4j2.properties" \
      -cp "$top/jobs/target/lib/*:$top/jobs/target/classes" "$here/CopyLake.java" "$lake" "$work/lake_copy" | awk '/^copy/ {print $2}')
  out=$("$top/bin/vispark" rephase --lake "$lake" --to "${targets[$((r % 2))]}" | tail -1)
  p=$(sed -n 's/.* rows, \([0-9.]*\) s$/\1/p' <<<"$out")
  echo "run $((r + 1)): copy $c s, rephase $p s ($out)"
  cp_best=$(awk -v a="$cp_best" -v b="$c" 'BEGIN {print (b < a) ? b : a}')
  rp_best=$(awk -v a="$rp_best" -v b="$p" 'BEGIN {print (b < a) ? b : a}')
done
awk -v c="$cp_best" -v p="$rp_best" -v mb="$mb" 'BEGIN {
  printf "RESULT rephase %.0f MB/s of lake, plain Spark copy %.0f MB/s: ratio %.2fx (best of runs; %d MB of visibility files)\n",
    mb / p, mb / c, c / p, mb }'
