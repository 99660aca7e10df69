#!/usr/bin/env bash
# Benchmark: `vispark convert` of a DSA-110 subband group (16 UVH5 files, full shape: 110 antennas with
# autocorrelations, 16 x 48 channels, 24 integrations, XX and YY, complex64) into the lake, against h5py
# merely reading the same datasets (visdata, flags, nsamples of every file), same run, warm page cache. MB/s
# of UVH5 files. convert runs with --phase-centre none (the drift data kept as recorded) and with
# --phase-centre meridian (the default: phased to the meridian at the group's midpoint, UVW from the antenna
# positions), so the cost of phasing is measured beside the plain convert.
# TWO_STEP (default 1; 0 skips it) also times the two-step path the DSA-110 pipeline takes today, in each round: the
# group written as one MS (bench/uvh5_to_ms.py: h5py and python-casacore, as pyuvdata's read and write_ms, without
# its phasing) and that MS converted with `vispark convert`; the lakes of both paths are checked to hold the same
# visibilities (row count and CRCs of DATA, FLAG, WEIGHT_SPECTRUM, summed).
# LAYOUTS (default "contiguous") lists the groups' storage, each its own group and lines: contiguous (h5py's
# default), chunks (h5py's chunks=True, as pyuvdata writes), gzip or lzf (chunks=True with that filter).
# MODES (default "none meridian") lists the --phase-centre values run, in that order in odd rounds and reversed in
# even ones: the first convert after the h5py read is the slower on this VM whatever its mode (freshly freed memory
# costs a first touch again), which had made `none` look slower than `meridian` on chunked files.
# Usage: [LAYOUTS="contiguous chunks gzip"] [MODES=none] bench/uvh5.sh [WORKDIR=bench/out] [REPEAT=2]
#        [extra convert options, e.g. --task-mb 1024]
# Needs: mvn -q -DskipTests package (bin/vispark), Debian's python3-h5py and python3-casacore. About 3 GB in WORKDIR
# per layout, 3 GB more for the two-step path's MS.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out}
repeat=${2:-2}
shift $(( $# < 2 ? $# : 2 ))
read -r -a layouts <<<"${LAYOUTS:-contiguous}"
read -r -a modes <<<"${MODES:-none meridian}"
two_step=${TWO_STEP:-1}
# vispark convert into a new lake $1 of the other arguments; sets wall (s, with JVM and Spark start) and job (s).
timed_convert() {
  local lake=$1 t0 t1 out
  shift
  rm -rf "$lake"
  t0=$(date +%s.%N)
  out=$("$top/bin/vispark" convert --lake "$lake" "$@")
  t1=$(date +%s.%N)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
  job=$(sed -n 's/.* MB in the lake, \([0-9.]*\) s .*/\1/p' <<<"$out")
}
# Row count and summed CRCs of DATA, FLAG and WEIGHT_SPECTRUM of a lake's visibilities.
lake_sums() {
  "$top/bin/vispark" sql --lake "$1" "select count(*), sum(crc32(data)), sum(crc32(flag)),
    sum(crc32(weight_spectrum)) from lake.visibilities" 2>/dev/null | awk -F'|' 'NF > 4 && $2 ~ /[0-9]/ {print $2 $3 $4 $5}'
}
for layout in "${layouts[@]}"; do
  case $layout in
    contiguous) group="$work/uvh5_group"; storage=() ;;
    chunks) group="$work/uvh5_group_chunks"; storage=(--chunks) ;;
    gzip | lzf) group="$work/uvh5_group_$layout"; storage=(--compression "$layout") ;;
    *) echo "unknown layout $layout (contiguous, chunks, gzip, lzf)" >&2; exit 2 ;;
  esac
  if [[ $(ls "$group"/*_sb*.hdf5 2>/dev/null | wc -l) -ne 16 ]]; then
    rm -rf "$group" && mkdir -p "$group"
    echo "generating a full-shape DSA-110 group ($layout) in $group ..."
    /usr/bin/python3 "$top/formats/src/test/resources/uvh5/make_subband_group.py" "$group" \
      --nant 110 --nchan 48 --ntimes 24 --no-expected "${storage[@]}" > /dev/null
  fi
  mb=$(du -smc "$group"/*_sb*.hdf5 | tail -1 | cut -f1)
  echo "$layout input: 16 subband files, $mb MB; $(nproc) cores"
  cat "$group"/*_sb*.hdf5 > /dev/null
  best_py=999999
  declare -A best_job=() best_wall=()
  for mode in "${modes[@]}"; do
    best_job[$mode]=999999
    best_wall[$mode]=999999
  done
  for ((r = 0; r < repeat; r++)); do
    t_py=$(/usr/bin/python3 - "$group" <<'PY'
import glob, sys, time
import h5py
t = time.perf_counter()
for f in sorted(glob.glob(sys.argv[1] + "/*_sb*.hdf5")):
    with h5py.File(f, "r") as h:
        for d in ("visdata", "flags", "nsamples"):
            h["Data/" + d][()]
print(time.perf_counter() - t)
PY
)
    order=("${modes[@]}")
    if (( r % 2 == 1 )); then
      order=(); for ((k = ${#modes[@]} - 1; k >= 0; k--)); do order+=("${modes[$k]}"); done
    fi
    for mode in "${order[@]}"; do
      lake="$work/uvh5_lake"
      timed_convert "$lake" --phase-centre "$mode" "$@" "$group/*_sb*.hdf5"
      echo "$layout run $((r + 1)): h5py reading ${t_py} s; vispark convert --phase-centre $mode ${job} s (job), ${wall} s (with JVM and Spark start)"
      best_job[$mode]=$(awk -v a="${best_job[$mode]}" -v b="$job" 'BEGIN {print (b < a) ? b : a}')
      best_wall[$mode]=$(awk -v a="${best_wall[$mode]}" -v b="$wall" 'BEGIN {print (b < a) ? b : a}')
      if [[ $mode == none || -z "${direct_wall:-}" ]]; then
        direct_mode=$mode direct_wall=$wall
        [[ $two_step == 1 ]] && direct_sums=$(lake_sums "$lake")
      fi
    done
    best_py=$(awk -v a="$best_py" -v b="$t_py" 'BEGIN {print (b < a) ? b : a}')
    if [[ $two_step == 1 ]]; then
      ms="$work/uvh5_two_step.ms"
      rm -rf "$ms"
      t_ms=$(/usr/bin/python3 "$here/uvh5_to_ms.py" "$ms" "$group"/*_sb*.hdf5)
      lake="$work/uvh5_two_step_lake"
      timed_convert "$lake" "$@" "$ms"
      if [[ $direct_mode != none ]]; then same="(not compared: phased) as"
      elif [[ "$(lake_sums "$lake")" == "$direct_sums" ]]; then same="the same visibilities as"
      else same="OTHER VISIBILITIES than"; fi
      echo "$layout run $((r + 1)): two-step path: UVH5 to MS ${t_ms} s, vispark convert of the MS ${job} s (job)," \
        "${wall} s (with JVM and Spark start): $(awk -v a="$t_ms" -v b="$wall" 'BEGIN {print a + b}') s, $same" \
        "the direct convert (--phase-centre $direct_mode, ${direct_wall} s with start-up): direct" \
        "$(awk -v w="$direct_wall" -v t="$t_ms" -v b="$wall" 'BEGIN {printf "%.2f", (t + b) / w}')x faster"
      rm -rf "$ms" "$lake"
    fi
    unset direct_wall
  done
  for mode in "${modes[@]}"; do
    awk -v mb="$mb" -v py="$best_py" -v job="${best_job[$mode]}" -v wall="${best_wall[$mode]}" -v mode="$mode" \
      -v layout="$layout" 'BEGIN {
      printf "best %s: h5py %.1f MB/s; convert --phase-centre %s %.1f MB/s (%.1f MB/s with start-up): %.2fx (%.2fx)\n",
        layout, mb / py, mode, mb / job, mb / wall, py / job, py / wall }'
  done
  unset best_job best_wall
done
