#!/usr/bin/env bash
# Benchmark: `vispark convert` of a DSA-110 subband group (16 UVH5 files, full shape: 110 antennas with
# autocorrelations, 16 x 48 channels, 24 integrations, XX and YY, complex64, contiguous as h5py writes)
# into the lake, against h5py merely reading the same datasets (visdata, flags, nsamples of every file),
# same run, warm page cache. MB/s of UVH5 files.
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
best_py=999999; best_job=999999; best_wall=999999
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
  lake="$work/uvh5_lake"
  rm -rf "$lake"
  t0=$(date +%s.%N)
  out=$("$top/bin/vispark" convert --lake "$lake" "$@" "$group/*_sb*.hdf5")
  t1=$(date +%s.%N)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
  job=$(sed -n 's/.* MB in the lake, \([0-9.]*\) s .*/\1/p' <<<"$out")
  echo "run $((r + 1)): h5py reading ${t_py} s; vispark convert ${job} s (job), ${wall} s (with JVM and Spark start)"
  best_py=$(awk -v a="$best_py" -v b="$t_py" 'BEGIN {print (b < a) ? b : a}')
  best_job=$(awk -v a="$best_job" -v b="$job" 'BEGIN {print (b < a) ? b : a}')
  best_wall=$(awk -v a="$best_wall" -v b="$wall" 'BEGIN {print (b < a) ? b : a}')
done
awk -v mb="$mb" -v py="$best_py" -v job="$best_job" -v wall="$best_wall" 'BEGIN {
  printf "best: h5py %.1f MB/s; convert %.1f MB/s (%.1f MB/s with start-up): %.2fx (%.2fx)\n",
    mb / py, mb / job, mb / wall, py / job, py / wall }'
