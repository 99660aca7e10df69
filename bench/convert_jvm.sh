#!/usr/bin/env bash
# Benchmark: `vispark convert` of bench/convert.sh's copies under different JVM options, the option sets
# taking turns round after round (this shared machine drifts), printing each run's wall, job, CPU user/system
# seconds and minor page faults (bench/jvm_options.sh runs them).
# Usage: bench/convert_jvm.sh [WORKDIR=bench/out] [ROUNDS=2] ["label=java options" ...]
# Default sets: bin/vispark's own, without huge pages, with the C2 compiler, and with G1 sizing the young
# generation itself.
# Needs: bench/convert.sh run once (it makes WORKDIR/convert_in), mvn -q -DskipTests package.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=${1:-$here/out}
rounds=${2:-2}
shift $(( $# < 2 ? $# : 2 ))
sets=("$@")
if [[ ${#sets[@]} -eq 0 ]]; then
  sets=("default=-Xmx4g -XX:+UseTransparentHugePages -XX:TieredStopAtLevel=1 -Xmn256m"
        "no-huge-pages=-Xmx4g -XX:TieredStopAtLevel=1 -Xmn256m"
        "with-c2=-Xmx4g -XX:+UseTransparentHugePages -Xmn256m"
        "young-gen-free=-Xmx4g -XX:+UseTransparentHugePages -XX:TieredStopAtLevel=1")
fi
in="$work/convert_in"
n=$(ls -d "$in"/ms_*.ms 2>/dev/null | wc -l)
if [[ $n -eq 0 ]]; then
  echo "no MS under $in: run bench/convert.sh first" >&2
  exit 2
fi
echo "input: $n MS, $(du -smc "$in"/ms_*.ms | tail -1 | cut -f1) MB; $(nproc) cores"
joined=$(printf '%s|' "${sets[@]}")
FRESH="$work/lake" SETS=${joined%|} "$here/jvm_options.sh" "$rounds" convert --lake "$work/lake" "$in/ms_*.ms"
