#!/usr/bin/env bash
# Benchmark (issue 17): the lake as Iceberg tables against the lake before them, same data, same run. For each of two
# builds (this tree, and BASE_TREE: a worktree of the commit before, built with `mvn -q -DskipTests package`), in
# alternating order per round: `vispark convert` of the inputs into a new lake, `vispark rephase` of the whole lake,
# and the one-baseline query (`vispark sql`, one baseline's amplitude at one channel over every MS); wall times,
# JVM start included for both. Prints per step each build's times and the ratio of medians (base / this: > 1 is
# faster here). Target: no step slower than 0.9x. Then the planning benchmark (IcebergPlanningBench.java) over the
# metadata of N_MS DSA-110 MS (default 10,000: 80,000 files). Target: planning the one-baseline query in < 5 s.
# Usage: bench/iceberg.sh WORKDIR BASE_TREE 'MS_GLOB' [ROUNDS=2] [N_MS=10000]
# Example: bench/iceberg.sh /tmp/b17 /tmp/base17 '/tmp/bench/dsa110/ms/d?_target.ms' 2
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=$1
base=$(cd "$2" && pwd)
inputs=$3
rounds=${4:-2}
n_ms=${5:-10000}
mkdir -p "$work"
query="SELECT count(*) AS n, sum(vis_amp(data, num_pol, 100, 0)) AS amp FROM visibilities
  WHERE bl_bucket = vis_bl_bucket(3, 17) AND baseline = vis_baseline(3, 17)"
declare -A times
run_build() { # label tree
  local label=$1 tree=$2 lake="$work/lake_$1" t0 t1
  rm -rf "$lake"
  t0=$(date +%s.%N); "$tree/bin/vispark" convert --lake "$lake" --no-checksum $inputs | tail -1; t1=$(date +%s.%N)
  times[$label,convert]+="$(echo "$t1 - $t0" | bc) "
  t0=$(date +%s.%N); "$tree/bin/vispark" rephase --lake "$lake" --to 'J2000 08h34m54.90s +55d34m21.00s' | tail -1
  t1=$(date +%s.%N)
  times[$label,rephase]+="$(echo "$t1 - $t0" | bc) "
  t0=$(date +%s.%N); "$tree/bin/vispark" sql --lake "$lake" --format csv "$query" | tail -1; t1=$(date +%s.%N)
  times[$label,query]+="$(echo "$t1 - $t0" | bc) "
  rm -rf "$lake"
}
for ((r = 0; r < rounds; r++)); do
  if ((r % 2 == 0)); then order=(base this); else order=(this base); fi
  for b in "${order[@]}"; do
    echo "round $((r + 1)): $b"
    if [[ $b == base ]]; then run_build base "$base"; else run_build this "$top"; fi
  done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for step in convert rephase query; do
  mb=$(median <<<"${times[base,$step]}"); mt=$(median <<<"${times[this,$step]}")
  awk -v s="$step" -v b="${times[base,$step]}" -v t="${times[this,$step]}" -v mb="$mb" -v mt="$mt" 'BEGIN {
    printf "RESULT %-8s base %s s | this %s s | ratio of medians %.2fx\n", s, b, t, mb / mt }'
done
rm -rf "$work/planning_lake"
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED)
java -Xmx4g "${opens[@]}" \
  -Dlog4j2.configurationFile="$top/conf/log4j2.properties" \
  -cp "$top/jobs/target/lib/*:$top/jobs/target/classes" "$here/IcebergPlanningBench.java" "$work/planning_lake" "$n_ms" \
  | sed 's/^/RESULT planning /'
rm -rf "$work/planning_lake"
