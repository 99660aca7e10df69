#!/usr/bin/env bash
# Benchmark: `vispark pipeline` end to end (convert, classify, diagnose, rephase, predict, solve K/G/B, apply,
# diagnose again) over simulated archives of about 10, 100 and 1000 MS (bin/vispark demo's simulator: a calibrator
# transit and 2 target scans a day; tiny MS of 8 antennas, 16 channels, 4 integrations, so the figures show the
# per-MS cost of the orchestration and Spark jobs, not visibility throughput), embedded local[*].
# Prints per-stage wall times and the driver's peak heap for each size.
# Usage: bench/pipeline.sh [WORKDIR=bench/out/pipeline] [SIZES="10 100 1000"]
# Needs: mvn -q -DskipTests package (bin/vispark).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out/pipeline}
sizes=${2:-"10 100 1000"}
mkdir -p "$work"
echo "$(nproc) cores; MS of 8 antennas, 16 channels, 4 integrations"
for n in $sizes; do
  days=$(( (n + 2) / 3 ))
  dir="$work/n$n"
  rm -rf "$dir/lake" "$dir/report"
  if [[ ! -d "$dir/ms" ]]; then
    "$top/bin/vispark" demo "$dir" --generate-only --days "$days" --targets-per-day 2 --antennas 8 --channels 16 \
      --integrations 4 > /dev/null
  fi
  count=$(ls -d "$dir"/ms/*.ms | wc -l)
  t0=$(date +%s.%N)
  out=$("$top/bin/vispark" pipeline --lake "$dir/lake" --report "$dir/report" "$dir/ms/*.ms" 2>&1 || true)
  t1=$(date +%s.%N)
  echo "== $count MS: wall $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s (with JVM and Spark start)"
  grep '^pipeline: [0-9]* MS:\|^pipeline:   ' <<<"$out" || echo "$out" | tail -20
  echo "failed MS: $(grep -c '^FAILED' <<<"$out" || true)"
done
