#!/usr/bin/env bash
# Benchmark of `vispark solve` (issue 8): the solver's time against the time to read the same data, in the same run
# (each task times its reading/accumulating and its solving separately), and scaling over 10/100/1000 MS.
# Archives: bin/vispark demo's simulator, MS of 16 antennas, 32 channels, 8 integrations (a calibrator transit and
# two targets a day); converted and given a model (predict) once; then `solve` G ap solint int (one solve per
# integration) and B solint inf over every MS, embedded local[*].
# Usage: bench/solve.sh [WORKDIR=bench/out/solve] [SIZES="10 100 1000"]
# Needs: mvn -q -DskipTests package (bin/vispark).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out/solve}
sizes=${2:-"10 100 1000"}
mkdir -p "$work"
echo "$(nproc) cores; MS of 16 antennas, 32 channels, 8 integrations, 2 polarizations"
for n in $sizes; do
  days=$(( (n + 2) / 3 ))
  dir="$work/n$n"
  if [[ ! -d "$dir/lake" ]]; then
    rm -rf "$dir"
    "$top/bin/vispark" demo "$dir" --generate-only --days "$days" --targets-per-day 2 --antennas 16 --channels 32 \
      --integrations 8 > /dev/null
    "$top/bin/vispark" convert --lake "$dir/lake" "$dir/ms/*.ms" > /dev/null
    "$top/bin/vispark" predict --lake "$dir/lake" --calibrator 0834+555 --beam > /dev/null
  fi
  count=$(ls -d "$dir"/ms/*.ms | wc -l)
  bytes=$(du -sb "$dir/lake/visibilities" | cut -f1)
  for spec in "G --calmode ap --solint int" "B --solint inf"; do
    t0=$(date +%s.%N)
    out=$("$top/bin/vispark" solve --lake "$dir/lake" --table "bench_${spec%% *}" --gaintype $spec 2>&1)
    t1=$(date +%s.%N)
    echo "== $count MS ($(( bytes >> 20 )) MB of lake), solve $spec: wall $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s (with JVM and Spark start)"
    grep '^solve: [0-9]* MS selected:\|^solve: task time' <<<"$out"
  done
done
