#!/usr/bin/env bash
# Benchmark: what running the pipeline as a campaign (every commit on an Iceberg branch of its own) costs against
# `vispark pipeline` on main, over the same simulated archive converted into two lakes, in one run; then a resumed
# campaign with nothing left to do, `campaign compare` and `campaign publish`.
# Tiny MS (8 antennas, 16 channels, 4 integrations: bin/vispark demo's simulator, a calibrator transit and 2 target
# scans a day), so the figures show per-commit and per-MS orchestration costs, where branches could show.
# Usage: bench/campaign.sh [WORKDIR=bench/out/campaign] [SIZES="30 102"]
# Needs: mvn -q -DskipTests package (bin/vispark).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out/campaign}
sizes=${2:-"30 102"}
mkdir -p "$work"
v="$top/bin/vispark"
seconds() { local t0; t0=$(date +%s.%N); "$@" > "$work/last.log" 2>&1 || { tail -20 "$work/last.log"; exit 1; }
  awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}'; }
echo "$(nproc) cores; MS of 8 antennas, 16 channels, 4 integrations"
for n in $sizes; do
  dir="$work/n$n"
  rm -rf "$dir/main" "$dir/branch"
  if [[ ! -d "$dir/ms" ]]; then
    "$v" demo "$dir" --generate-only --days $(( (n + 2) / 3 )) --targets-per-day 2 --antennas 8 --channels 16 \
      --integrations 4 > /dev/null
  fi
  count=$(ls -d "$dir"/ms/*.ms | wc -l)
  "$v" convert --lake "$dir/main" "$dir/ms/*.ms" > /dev/null
  "$v" convert --lake "$dir/branch" "$dir/ms/*.ms" > /dev/null
  p=$(seconds "$v" pipeline --lake "$dir/main")
  c=$(seconds "$v" campaign run --lake "$dir/branch" --name bench)
  r=$(seconds "$v" campaign run --lake "$dir/branch" --name bench)
  "$v" campaign run --lake "$dir/branch" --name bench_ap --set g.calmode=ap > /dev/null
  m=$(seconds "$v" campaign compare --lake "$dir/branch" bench bench_ap)
  u=$(seconds "$v" campaign publish --lake "$dir/branch" bench)
  echo "== $count MS: pipeline on main $p s; campaign run $c s ($(awk -v a="$c" -v b="$p" 'BEGIN {printf "%.2f", a / b}')x);" \
    "resumed with nothing to do $r s; compare $m s; publish $u s (each with JVM and Spark start)"
done
