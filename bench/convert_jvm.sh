#!/usr/bin/env bash
# Benchmark: `vispark convert` of bench/convert.sh's copies under different JVM options, the option sets
# taking turns round after round (this shared machine drifts), printing each run's job seconds, CPU
# user/system seconds and minor page faults.
# Usage: bench/convert_jvm.sh [WORKDIR=bench/out] [ROUNDS=2] ["label=java options" ...]
# Default sets: bin/vispark's own, without huge pages, with the C2 compiler, and with G1 sizing the young
# generation itself.
# Needs: bench/convert.sh run once (it makes WORKDIR/convert_in), mvn -q -DskipTests package.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
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
for ((r = 1; r <= rounds; r++)); do
  for set in "${sets[@]}"; do
    label=${set%%=*}
    rm -rf "$work/lake"
    out=$(VISPARK_JAVA_OPTS="${set#*=}" /usr/bin/time -f "TIME %U %S %R" \
      "$top/bin/vispark" convert --lake "$work/lake" "$in/ms_*.ms" 2>&1)
    job=$(sed -n 's/.* MB in the lake, \([0-9.]*\) s .*/\1/p' <<<"$out")
    read -r _ user sys faults <<<"$(grep '^TIME' <<<"$out")"
    printf 'round %d %-16s job %6s s  user %6s s  sys %6s s  minor faults %s\n' "$r" "$label" "$job" "$user" "$sys" "$faults"
  done
done
