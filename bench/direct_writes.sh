#!/usr/bin/env bash
# Benchmark: `vispark convert` with its visibility files written past the page cache (direct I/O, the default)
# and through it (spark.hadoop.vispark.lake.direct-writes=false), the two taking turns round after round (this
# shared machine drifts), each into a new lake. Prints each run's job seconds (convert's own figure), CPU
# user/system seconds, and per setting the best and mean job time.
# Usage: bench/direct_writes.sh [WORKDIR=bench/out] [ROUNDS=3] INPUT...
#   INPUT: what `vispark convert` takes (MS, UVH5 files, a subband group's files), e.g. bench/uvh5.sh's full-shape
#   group: bench/direct_writes.sh bench/out 3 bench/out/uvh5_group/*.hdf5
# Needs: mvn -q -DskipTests package (bin/vispark). Java options: bin/vispark's for convert (VISPARK_JAVA_OPTS,
# VISPARK_EXTRA_JAVA_OPTS as there), plus the setting.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out}
rounds=${2:-3}
shift $(( $# < 2 ? $# : 2 ))
if [[ $# -eq 0 ]]; then
  echo "usage: bench/direct_writes.sh [WORKDIR] [ROUNDS] INPUT..." >&2
  exit 2
fi
mkdir -p "$work"
lake="$work/direct_writes_lake"
echo "input: $# files or MS, $(du -smc "$@" | tail -1 | cut -f1) MB; $(nproc) cores; file system of $work:" \
  "$(df -T "$work" | awk 'NR == 2 {print $2}')"
declare -A best sum
for ((r = 1; r <= rounds; r++)); do
  for direct in true false; do
    rm -rf "$lake"
    out=$( { /usr/bin/time -f "cpu %U %S" env VISPARK_EXTRA_JAVA_OPTS="${VISPARK_EXTRA_JAVA_OPTS:-} -Dspark.hadoop.vispark.lake.direct-writes=$direct" \
      "$top/bin/vispark" convert --lake "$lake" "$@"; } 2>&1 )
    job=$(sed -n 's/.* MB in the lake, \([0-9.]*\) s .*/\1/p' <<<"$out")
    read -r _ user sys < <(grep '^cpu ' <<<"$out")
    if [[ -z "$job" ]]; then
      echo "$out" >&2
      echo "direct-writes=$direct: convert printed no job time" >&2
      exit 1
    fi
    echo "round $r direct-writes=$direct: job $job s, user $user s, system $sys s"
    sum[$direct]=$(awk -v a="${sum[$direct]:-0}" -v b="$job" 'BEGIN {print a + b}')
    best[$direct]=$(awk -v a="${best[$direct]:-1e9}" -v b="$job" 'BEGIN {print (b < a ? b : a)}')
  done
done
rm -rf "$lake"
for direct in true false; do
  echo "direct-writes=$direct: best $(printf %.1f "${best[$direct]}") s, mean" \
    "$(awk -v s="${sum[$direct]}" -v n="$rounds" 'BEGIN {printf "%.1f", s / n}') s"
done
echo "direct over page cache (mean): $(awk -v a="${sum[false]}" -v b="${sum[true]}" 'BEGIN {printf "%.2f", a / b}')x"
