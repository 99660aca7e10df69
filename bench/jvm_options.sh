#!/usr/bin/env bash
# Benchmark: one `bin/vispark` command under different JVM option sets, the sets taking turns round after round
# (this shared machine drifts, and a new virtual machine gets faster at first touches of memory as it uses it),
# printing each run's wall seconds, CPU user and system seconds, minor page faults, and the command's own closing
# figure (its last "N s" or "N.N s" on the last line of output: convert's job seconds). Each set is given as
# VISPARK_JAVA_OPTS (it replaces bin/vispark's defaults, so a set states every option it runs with).
# Usage: [SETS="label=java options|label=java options"] [FRESH=DIR] bench/jvm_options.sh ROUNDS COMMAND [ARGS...]
#   SETS   default: "g1-young=-Xmx4g -XX:+UseTransparentHugePages|young-256m=-Xmx4g -XX:+UseTransparentHugePages
#          -Xmn256m": G1 sizing its young generation itself against a young generation held at 256 MB
#   FRESH  a directory deleted before every run (the lake of a convert, which must not exist yet)
# e.g. bench/jvm_options.sh 3 diagnose --lake WORK/lake
#      FRESH=WORK/lake SETS="..." bench/jvm_options.sh 3 convert --lake WORK/lake WORK/ms/*.ms
# Needs: mvn -q -DskipTests package (bin/vispark).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
if [[ $# -lt 2 ]]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
rounds=$1
shift
IFS='|' read -r -a sets <<<"${SETS:-g1-young=-Xmx4g -XX:+UseTransparentHugePages|young-256m=-Xmx4g -XX:+UseTransparentHugePages -Xmn256m}"
declare -A sum=()
for ((r = 1; r <= rounds; r++)); do
  for set in "${sets[@]}"; do
    label=${set%%=*}
    [[ -n ${FRESH:-} ]] && rm -rf "$FRESH"
    out=$(VISPARK_JAVA_OPTS="${set#*=}" /usr/bin/time -f "TIME %e %U %S %R" "$top/bin/vispark" "$@" 2>&1) || {
      echo "round $r $label: the command failed:" >&2
      tail -5 <<<"$out" >&2
      exit 1
    }
    read -r _ wall user sys faults <<<"$(grep '^TIME' <<<"$out" | tail -1)"
    own=$(grep -v '^TIME' <<<"$out" | tail -1 | grep -oE '[0-9]+(\.[0-9]+)? s' | tail -1 || true)
    printf 'round %d %-14s wall %6s s  user %6s s  sys %6s s  minor faults %8s  its own figure %s\n' "$r" "$label" \
      "$wall" "$user" "$sys" "$faults" "${own:-none}"
    sum[$label]=$(awk -v a="${sum[$label]:-0}" -v b="$wall" 'BEGIN {print a + b}')
  done
done
for set in "${sets[@]}"; do
  label=${set%%=*}
  awk -v l="$label" -v s="${sum[$label]}" -v n="$rounds" 'BEGIN {printf "mean %-14s wall %.2f s over %d runs\n", l, s / n, n}'
done
