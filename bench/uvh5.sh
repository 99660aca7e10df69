#!/usr/bin/env bash
# Benchmark: `vispark convert` of a DSA-110 subband group (16 UVH5 files, full shape: 110 antennas with
# autocorrelations, 16 x 48 channels, 24 integrations, XX and YY, complex64, contiguous as h5py writes)
# into the lake, against h5py merely reading the same datasets (visdata, flags, nsamples of every file),
# same run, warm page cache. MB/s of UVH5 files. convert runs twice per repeat: with --phase-centre none (the
# drift data kept as recorded) and with --phase-centre meridian (the default: phased to the meridian at the
# group's midpoint, UVW from the antenna positions), so the cost of phasing is measured beside the plain convert.
# Usage: bench/uvh5.sh [WORKDIR=bench/out] [REPEAT=2] [extra convert options, e.g. --task-mb 1024]
# Needs: mvn -q -DskipTests package (bin/vispark), Debian's python3-h5py. About 3 GB in WORKDIR.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=${1:-$here/out}
repeat=${2:-2}
shift $(( $# < 2 ? $# : 2 ))
group="$work/uvh5_group"
if [[ $(ls "$group"/*_sb*.hdf5 2>/dev/null | wc -l) -ne 16 ]]; then
  rm -rf "$group" && mkdir -p "$group"
  echo "generating a full-shape DSA-110 group in $group ..."
  /usr/bin/python3 "$top/formats/src/test/resources/uvh5/make_subband_group.py" "$group" \
    --nant 110 --nchan 48 --ntimes 24 --no-expected > /dev/null
fi
mb=$(du -smc "$group"/*_sb*.hdf5 | tail -1 | cut -f1)
echo "input: 16 subband files, $mb MB; $(nproc) cores"
cat "$group"/*_sb*.hdf5 > /dev/null
best_py=999999
declare -A best_job=([none]=999999 [meridian]=999999) best_wall=([none]=999999 [meridian]=999999)
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
  for mode in none meridian; do
    lake="$work/uvh5_lake"
    rm -rf "$lake"
    t0=$(date +%s.%N)
    out=$("$top/bin/vispark" convert --lake "$lake" --phase-centre "$mode" "$@" "$group/*_sb*.hdf5")
    t1=$(date +%s.%N)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
    job=$(sed -n 's/.* MB in the lake, \([0-9.]*\) s .*/\1/p' <<<"$out")
    echo "run $((r + 1)): h5py reading ${t_py} s; vispark convert --phase-centre $mode ${job} s (job), ${wall} s (with JVM and Spark start)"
    best_job[$mode]=$(awk -v a="${best_job[$mode]}" -v b="$job" 'BEGIN {print (b < a) ? b : a}')
    best_wall[$mode]=$(awk -v a="${best_wall[$mode]}" -v b="$wall" 'BEGIN {print (b < a) ? b : a}')
  done
  best_py=$(awk -v a="$best_py" -v b="$t_py" 'BEGIN {print (b < a) ? b : a}')
done
for mode in none meridian; do
  awk -v mb="$mb" -v py="$best_py" -v job="${best_job[$mode]}" -v wall="${best_wall[$mode]}" -v mode="$mode" 'BEGIN {
    printf "best: h5py %.1f MB/s; convert --phase-centre %s %.1f MB/s (%.1f MB/s with start-up): %.2fx (%.2fx)\n",
      mb / py, mode, mb / job, mb / wall, py / job, py / wall }'
done
