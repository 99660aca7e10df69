#!/usr/bin/env bash
# Benchmark (issue 14): `vispark pipeline` over N DSA-110-shaped MS (110 antennas, 768 channels of 244 kHz,
# 24 integrations of 12.9 s, 2 polarizations; ../shared/tools/make_ms.py), embedded local[*], for N = 2, 4, 8.
# Prints for each N, from one run of the pipeline: per stage the wall time, MB/s of MS and the ratio to
# python-casacore getcol of the MS columns that stage reads (one reader per core at once, warm page cache);
# the whole pipeline against one python-casacore reader of all its columns of all N MS; the driver's and
# executors' peak heap (one JVM under local[*]); then a summary over N (is the wall time linear in N, the heap
# flat?). Targets of the issue: diagnose, rephase, predict, each solve and apply >= 1.0x their read; the
# whole pipeline <= 8x one read; wall time linear in N; heap flat in N.
#
# Usage: bench/dsa110_scale.sh [WORKDIR=bench/out/dsa110] [SIZES="2 4 8"]
# Exits with status 1 (after printing everything) when a pipeline run did not calibrate every MS: its figures
# then cover fewer MS than they say.
# Needs: mvn -q -DskipTests package (bin/vispark), /usr/bin/python3 with python-casacore and numpy.
#
# The MS (written once into WORKDIR/ms and reused by later runs; rewritten if the shape below changes), in
# the order the sizes take them (N takes the first N; two sidereal days per set of 4, 3 min 56 s earlier a day):
#   0 d1_incident  the incident transit: make_ms.py's defaults (phased 54.7 arcmin from 0834+555), 2025-10-29,
#                  with the source at the catalogue's position and flux density (8.8 Jy; make_ms.py's default
#                  2.5 Jy would leave CORRECTED_DATA at 0.3 of predict's model, an amplitude-ratio FAIL after
#                  calibration that says nothing of the calibration)
#   1 d2_onsource  the next day's transit, phased to 0834+555 itself (not rephased), 8.8 Jy likewise
#   2 d1_target    a target 3.1 deg from 0834+555 (outside half the 4.65 m dish's FWHM, 1.3 deg), 30 min
#                  after the incident transit: apply gives it that transit's solutions
#   3 d2_target    a target 3.3 deg away on the other side, 30 min after the on-source transit
#   4-7            the same two days again two days later, other seeds (N = 8)
# Each MS gets its own --seed. The calibrator observations have MODEL_DATA as the incident's MS had (make_ms.py's
# default, the source's flux density at the phase centre; 3.6 GB at full shape), the targets none (--model none; 1.8 GB).
# N = 2 is two calibrator observations, so both cores have work. make_ms.py takes about 65 s and 13 GB of
# memory for one full-shape MS; they are written one at a time.
# Shape overrides for a quick trial (not for the figures): DSA_NANT (110), DSA_NCHAN (768), DSA_NTIME (24),
# DSA_DF (channel width, Hz; 244140.625); e.g. DSA_NANT=24 DSA_NCHAN=96 bench/dsa110_scale.sh /tmp/dsa 2.
# DSA_GENERATE_ONLY=1 writes the MS of the largest N and stops (to prepare a later timed run).
# VISPARK_JAVA_OPTS and VISPARK_EXTRA_JAVA_OPTS as for bin/vispark (default its -Xmx4g and transparent huge
# pages); a GC log is added.
#
# Each N runs on a new lake (WORKDIR/lake, deleted after the run, so superseded MS versions do not pile up;
# the HTML report and logs stay in WORKDIR/nN/). Before each N the free disk is checked (the MS still to write
# and the lake, estimated from the previous N's lake or else 3.6x the MS) and the N skipped if short.
#
# Stage times are the pipeline's own "pipeline:   STAGE  S s" lines: convert, classify, flag, diagnose, rephase+predict,
# predict, one "solve TABLE" per gains table (pipeline_K, pipeline_G, pipeline_B), apply, diagnose after, record.
#
# Reference reads (python-casacore getcol, bench/read_ms_casacore.py, whole column at once; the time is the sum
# of the getcol calls, so neither Python's start nor table opening counts; "readers at once" are nproc readers,
# reader k reading MS k, k+nproc, ..., the slowest reader's time; run after reading the MS files once to warm
# the page cache; a column an MS lacks, MODEL_DATA of a target, is left out of its read). Columns per stage, the MS main-table columns the stage needs (not what its lake
# implementation happens to read):
#   convert        every main-table column (ALL below), of all N MS
#   flag           DATA FLAG FLAG_ROW TIME ANTENNA1 ANTENNA2 DATA_DESC_ID, all N MS (the pipeline's RFI flagging,
#                  added after issue 14 set its targets: its ratio is printed, not judged)
#   diagnose       DATA MODEL_DATA FLAG FLAG_ROW UVW TIME ANTENNA1 ANTENNA2 FIELD_ID DATA_DESC_ID, calibrator MS
#   rephase+predict  DATA MODEL_DATA UVW TIME ANTENNA1 ANTENNA2 FIELD_ID DATA_DESC_ID, of the calibrator MS the
#                  pipeline rephases (not those already at the calibrator): rephase and predict in one pass, which
#                  reads DATA, UVW and metadata and writes DATA, UVW and MODEL_DATA (reading MODEL_DATA stands for
#                  its write)
#   predict        UVW TIME ANTENNA1 ANTENNA2 FIELD_ID DATA_DESC_ID and MODEL_DATA, of the calibrator MS already at
#                  the calibrator (predict alone: reads only UVW and metadata and writes MODEL_DATA)
#   solve K, G, B  DATA MODEL_DATA FLAG FLAG_ROW WEIGHT TIME INTERVAL ANTENNA1 ANTENNA2 FIELD_ID DATA_DESC_ID
#                  SCAN_NUMBER, calibrator MS (each solve against the same read)
#   apply          DATA FLAG FLAG_ROW WEIGHT TIME ANTENNA1 ANTENNA2 FIELD_ID DATA_DESC_ID, all N MS
#   diagnose after as diagnose (it reads CORRECTED_DATA, which the MS lack, in place of DATA: the same size)
#   classify, record read no visibilities: no reference
#   whole pipeline ALL, all N MS, one reader, one MS after another
# Ratio = reference read seconds / stage seconds (>= 1.0x: the stage is as fast as reading its data);
# MB/s = MB (1e6 bytes, du) of the MS the stage processes / stage seconds.
#
# Peak heap: -Xlog:gc (plus the heap at exit) into WORKDIR/nN/gc.log; "peak" is the largest heap in use before
# a GC (or at exit), "live" the largest after a GC; also the pipeline's own figure (sum of the heap pools' peaks).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=$(realpath -m "${1:-$here/out/dsa110}")
sizes=${2:-"2 4 8"}
nant=${DSA_NANT:-110}
nchan=${DSA_NCHAN:-768}
ntime=${DSA_NTIME:-24}
df_hz=${DSA_DF:-244140.625}
cores=$(nproc)
py=/usr/bin/python3
make_ms="$top/../shared/tools/make_ms.py"
reader="$here/read_ms_casacore.py"

ALL=(TIME INTERVAL EXPOSURE TIME_CENTROID ANTENNA1 ANTENNA2 FEED1 FEED2 FIELD_ID DATA_DESC_ID SCAN_NUMBER
     OBSERVATION_ID ARRAY_ID STATE_ID PROCESSOR_ID FLAG_ROW UVW WEIGHT SIGMA DATA FLAG MODEL_DATA)
cols_convert="${ALL[*]}"
cols_flag="DATA FLAG FLAG_ROW TIME ANTENNA1 ANTENNA2 DATA_DESC_ID"
cols_diagnose="DATA MODEL_DATA FLAG FLAG_ROW UVW TIME ANTENNA1 ANTENNA2 FIELD_ID DATA_DESC_ID"
cols_rephase="DATA MODEL_DATA UVW TIME ANTENNA1 ANTENNA2 FIELD_ID DATA_DESC_ID"
cols_predict="UVW TIME ANTENNA1 ANTENNA2 FIELD_ID DATA_DESC_ID MODEL_DATA"
cols_solve="DATA MODEL_DATA FLAG FLAG_ROW WEIGHT TIME INTERVAL ANTENNA1 ANTENNA2 FIELD_ID DATA_DESC_ID SCAN_NUMBER"
cols_apply="DATA FLAG FLAG_ROW WEIGHT TIME ANTENNA1 ANTENNA2 FIELD_ID DATA_DESC_ID"

calibrator_deg="128.72875,55.5725"   # 0834+555 as in conf/calibrators.csv (08h34m54.90s +55d34m21.00s)
calibrator_jy=8.8                    # and its flux density there, so that calibrated data match predict's model
target_deg=("130.5,58.5" "126.5,52.5")
first_transit="2025-10-29T13:51:43"  # make_ms.py's default start, the incident
sidereal_day_s=86164
shape="--nant $nant --nchan $nchan --ntime $ntime --df $df_hz"
msdir="$work/ms"
lake="$work/lake"

calc() { awk "BEGIN { printf \"%.15g\", ($1) }"; }
fmt() { awk -v v="$2" "BEGIN { printf \"$1\", v }"; }

# MS i of the list: name, role (calibrator/target), make_ms.py options other than the shape.
ms_name() {
  local i=$1 set=$(( $1 / 4 )) role=$(( $1 % 4 ))
  local day=$(( 2 * set + 1 + role % 2 ))
  case $role in 0) echo "d${day}_incident" ;; 1) echo "d${day}_onsource" ;; *) echo "d${day}_target" ;; esac
}
ms_role() { (( $1 % 4 < 2 )) && echo calibrator || echo target; }
ms_options() {
  local i=$1 set=$(( $1 / 4 )) role=$(( $1 % 4 ))
  local day=$(( 2 * set + role % 2 ))
  local start=$(( $(date -u -d "${first_transit}Z" +%s) + day * sidereal_day_s + (role >= 2 ? 1800 : 0) ))
  local opts="--seed $(( i + 1 )) --start $(date -u -d "@$start" +%Y-%m-%dT%H:%M:%S)"
  case $role in
    0) opts+=" --source $calibrator_deg,$calibrator_jy" ;;
    1) opts+=" --centre $calibrator_deg --source $calibrator_deg,$calibrator_jy" ;;
    *) opts+=" --centre ${target_deg[$(( role - 2 ))]} --model none" ;;
  esac
  echo "$opts"
}

# The first n MS, written if missing (a half-written one is written again).
generate() {
  local n=$1 i name
  mkdir -p "$msdir"
  if [[ "$(cat "$msdir/shape" 2>/dev/null)" != "$shape" ]]; then
    rm -rf "$msdir" && mkdir -p "$msdir" && echo "$shape" > "$msdir/shape"
    echo "(re)writing the MS in $msdir for the shape $shape"
  fi
  for ((i = 0; i < n; i++)); do
    name=$(ms_name "$i")
    if [[ ! -f "$msdir/$name.ok" ]]; then
      local t0=$SECONDS
      # shellcheck disable=SC2046
      rm -f "$msdir/$name.cols"
      "$py" "$make_ms" "$msdir/$name.ms" $shape $(ms_options "$i") > /dev/null 2> "$msdir/$name.log" \
        || { echo "make_ms.py failed for $name, see $msdir/$name.log" >&2; exit 1; }
      echo "$(ms_options "$i")" > "$msdir/$name.ok"
      echo "wrote $name.ms ($(ms_role "$i"); $(ms_options "$i")) in $(( SECONDS - t0 )) s"
    fi
  done
}

# The main-table columns of an MS (cached beside it).
ms_columns() {
  local f="${1%.ms}.cols"
  [[ -s "$f" ]] || "$py" -c 'import sys, casacore.tables as ct; print(" ".join(ct.table(sys.argv[1], ack=False).colnames()))' \
    "$1" > "$f"
  cat "$f"
}

ms_bytes() { du -scb "$@" | tail -1 | cut -f1; }

# Reference read: READERS COLUMNS MS...: prints "SECONDS BYTES" (the slowest reader's getcol seconds; bytes read).
getcol_read() {
  local readers=$1 cols=$2 tmp k i
  shift 2
  local ms=("$@")
  (( readers > ${#ms[@]} )) && readers=${#ms[@]}
  tmp=$(mktemp -d)
  for ((k = 0; k < readers; k++)); do
    (
      s=0; b=0
      for ((i = k; i < ${#ms[@]}; i += readers)); do
        present=" $(ms_columns "${ms[$i]}") "; use=()
        for c in $cols; do [[ $present == *" $c "* ]] && use+=("$c"); done
        line=$("$py" "$reader" "${ms[$i]}" "${use[@]}" | grep '^casacore TOTAL')
        s=$(calc "$s + $(awk '{print $5}' <<<"$line")")
        b=$(calc "$b + $(awk '{print $3}' <<<"$line")")
      done
      echo "$s $b" > "$tmp/$k"
    ) &
  done
  wait
  for ((k = 0; k < readers; k++)); do
    [[ -s "$tmp/$k" ]] || { echo "getcol_read: reader $k failed ($cols)" >&2; rm -rf "$tmp"; return 1; }
  done
  awk '$1 > s {s = $1} {b += $2} END {printf "%.3f %.0f\n", s, b}' "$tmp"/*
  rm -rf "$tmp"
}

# Java options: bin/vispark's (or the caller's VISPARK_JAVA_OPTS), the caller's VISPARK_EXTRA_JAVA_OPTS, the GC log.
echo "dsa110_scale: $cores cores, $(free -g | awk '/^Mem:/ {print $2}') GB memory; MS: make_ms.py $shape;" \
  "work directory $work; java options ${VISPARK_JAVA_OPTS:-the defaults of bin/vispark}${VISPARK_EXTRA_JAVA_OPTS:+ $VISPARK_EXTRA_JAVA_OPTS}"
declare -A sum_wall sum_stages sum_read sum_peak sum_live sum_mx sum_mb sum_note
prev_lake_per_ms=0
mkdir -p "$work"
if [[ -n "${DSA_GENERATE_ONLY:-}" ]]; then
  generate "$(tr ' ' '\n' <<<"$sizes" | sort -n | tail -1)"
  exit 0
fi
for n in $sizes; do
  echo
  # Disk: the MS still to write and the lake of this run.
  existing=0; missing=0
  for ((i = 0; i < n; i++)); do
    [[ -f "$msdir/$(ms_name "$i").ok" && "$(cat "$msdir/shape" 2>/dev/null)" == "$shape" ]] \
      && existing=$(( existing + 1 )) || missing=$(( missing + 1 ))
  done
  if (( existing > 0 )); then
    per_ms=$(ms_bytes "$msdir/$(ms_name 0).ms")
  else
    per_ms=$(( ntime * nant * (nant - 1) / 2 * (nchan * 2 * 8 * 2 + 200) ))   # DATA, MODEL_DATA, the rest
  fi
  lake_per_ms=$(( prev_lake_per_ms > 0 ? prev_lake_per_ms * 5 / 4 : per_ms * 36 / 10 ))
  rm -rf "$lake"
  need=$(( missing * per_ms + n * lake_per_ms + (1 << 30) ))
  avail=$(df -B1 --output=avail "$work" | tail -1)
  if (( need > avail )); then
    echo "== N=$n: skipped: needs about $(( need >> 30 )) GB free disk ($missing MS to write, a lake of" \
      "about $(( n * lake_per_ms >> 30 )) GB), $(( avail >> 30 )) GB free in $work"
    sum_note[$n]="skipped (disk)"
    continue
  fi
  generate "$n"
  for ((i = 0; i < n; i++)); do ms_columns "$msdir/$(ms_name "$i").ms" > /dev/null; done

  all=(); cal=(); rephased=(); oncal=(); names=()
  for ((i = 0; i < n; i++)); do
    m="$msdir/$(ms_name "$i").ms"
    all+=("$m"); names+=("$(ms_name "$i")")
    if [[ $(ms_role "$i") == calibrator ]]; then
      cal+=("$m")
      (( i % 4 == 0 )) && rephased+=("$m") || oncal+=("$m")
    fi
  done
  mb_all=$(calc "$(ms_bytes "${all[@]}") / 1e6")
  mb_cal=$(calc "$(ms_bytes "${cal[@]}") / 1e6")
  mb_reph=$(calc "$(ms_bytes "${rephased[@]}") / 1e6")
  mb_oncal=$( (( ${#oncal[@]} )) && calc "$(ms_bytes "${oncal[@]}") / 1e6" || echo 0)

  # Reference reads, warm page cache.
  for m in "${all[@]}"; do cat "$m"/table.f*; done > /dev/null
  read -r ref_convert _ < <(getcol_read "$cores" "$cols_convert" "${all[@]}")
  read -r ref_flag _ < <(getcol_read "$cores" "$cols_flag" "${all[@]}")
  read -r ref_diagnose _ < <(getcol_read "$cores" "$cols_diagnose" "${cal[@]}")
  read -r ref_rephase _ < <(getcol_read "$cores" "$cols_rephase" "${rephased[@]}")
  ref_predict=""
  (( ${#oncal[@]} )) && read -r ref_predict _ < <(getcol_read "$cores" "$cols_predict" "${oncal[@]}")
  read -r ref_solve _ < <(getcol_read "$cores" "$cols_solve" "${cal[@]}")
  read -r ref_apply _ < <(getcol_read "$cores" "$cols_apply" "${all[@]}")
  read -r ref_one ref_one_bytes < <(getcol_read 1 "$cols_convert" "${all[@]}")

  # The pipeline, each output line timestamped as it arrives.
  run="$work/n$n"
  rm -rf "$run" && mkdir -p "$run"
  log="$run/pipeline.log"
  t0=$EPOCHREALTIME
  {
    VISPARK_EXTRA_JAVA_OPTS="${VISPARK_EXTRA_JAVA_OPTS:-} -Xlog:gc,gc+heap+exit:file=$run/gc.log" \
      "$top/bin/vispark" pipeline --lake "$lake" --report "$run/report" "${all[@]}" 2>&1 && rc=0 || rc=$?
    echo "dsa110_scale: vispark exit status $rc"
  } | while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done > "$log"
  t1=$EPOCHREALTIME
  wall=$(calc "$t1 - $t0")
  lake_bytes=$(du -sb "$lake" 2>/dev/null | cut -f1 || echo 0)
  prev_lake_per_ms=$(( lake_bytes / n ))
  rm -rf "$lake"

  # Parse: stage lines (and their order), classification, rephased MS, heap figures.
  declare -A st=()
  stage_order=()
  unset p_mx p_classified p_summary p_rc p_failed p_rephased
  while IFS='|' read -r kind key val; do
    case $kind in
      stage) st[$key]=$val; stage_order+=("$key") ;;
      *) eval "p_$kind=\$val" ;;
    esac
  done < <(awk '
    { msg = substr($0, length($1) + 2) }
    msg ~ /^pipeline:   / && msg !~ /driver peak heap/ {
      s = substr(msg, 13); sec = s; sub(/ s$/, "", sec); sub(/.* /, "", sec)
      name = s; sub(/ +[0-9.]+ s$/, "", name); print "stage|" name "|" sec }
    msg ~ /^pipeline:   driver peak heap/ { v = msg; sub(/.*heap /, "", v); sub(/ MB.*/, "", v); print "mx||" v }
    msg ~ /^pipeline: [0-9]+ MS to calibrate/ { print "classified||" substr(msg, 11) }
    msg ~ /^pipeline: [0-9]+ MS: / { print "summary||" substr(msg, 11) }
    msg ~ /^dsa110_scale: vispark exit status/ { v = msg; sub(/.* /, "", v); print "rc||" v }
    msg ~ /^FAILED / { failed++ }
    msg ~ /^rephase: [0-9]+ MS selected/ { inreph = 1 }
    msg ~ /^predict: [0-9]+ MS selected/ { inreph = 0 }
    inreph && msg ~ /^  [^ ]/ { uri = substr(msg, 3) }
    inreph && msg ~ /^    -> rephasing/ { n = split(uri, p, "/"); reph = reph " " p[n] }
    END {
      print "failed||" failed + 0
      print "rephased||" reph
    }' "$log")
  # The heap from the GC log: sizes "A->B(C)" (K, M or G), and G1's "used NK" at exit.
  read -r peak live < <(awk '
    function mb(v, u) { return u == "K" ? v / 1024 : u == "G" ? v * 1024 : v + 0 }
    {
      line = $0
      while (match(line, /[0-9]+[KMG]->[0-9]+[KMG]\(/)) {
        s = substr(line, RSTART, RLENGTH - 1); line = substr(line, RSTART + RLENGTH)
        split(s, ab, "->")
        b = mb(substr(ab[1], 1, length(ab[1]) - 1), substr(ab[1], length(ab[1])))
        a = mb(substr(ab[2], 1, length(ab[2]) - 1), substr(ab[2], length(ab[2])))
        if (b > peak) peak = b; if (a > live) live = a
      }
    }
    /gc,heap,exit/ && /heap +total [0-9]+K, used [0-9]+K/ { match($0, /used [0-9]+K/); u = substr($0, RSTART + 5, RLENGTH - 6) / 1024
      if (u > peak) peak = u }
    END { printf "%.0f %.0f\n", peak, live }' "$run/gc.log" 2>/dev/null || echo "0 0")

  solve_keys=()
  for k in "${stage_order[@]}"; do [[ $k == solve\ * ]] && solve_keys+=("$k"); done

  echo "== N=$n: ${#all[@]} MS (${#cal[@]} calibrator observations, $(( n - ${#cal[@]} )) targets; $(fmt %.0f "$mb_all")" \
    "MB); ${names[*]}"
  echo "pipeline ${p_classified:-(no classification line)}"
  echo "pipeline ${p_summary:-(no summary line)}; exit status ${p_rc:-?}; FAILED lines: ${p_failed:-?}"
  grep -m 5 ' FAILED ' "$log" | cut -d' ' -f2- || true
  if [[ "${p_failed:-?}" != 0 || "${p_rc:-?}" != 0 ]]; then
    echo "WARNING: the pipeline did not calibrate every MS (exit status ${p_rc:-?}, ${p_failed:-?} FAILED lines): the" \
      "stage times below do not cover all $n MS, and this script exits with status 1"
    incomplete=1
  fi
  if [[ -n "${p_rephased// /}" && "$(tr ' ' '\n' <<<"$p_rephased" | sed '/^$/d' | sort | tr '\n' ' ')" != \
        "$(for m in "${rephased[@]}"; do basename "$m"; done | sort | tr '\n' ' ')" ]]; then
    echo "note: the pipeline rephased$p_rephased; the rephase+predict reference read takes ${rephased[*]##*/}"
  fi
  printf '%-16s %8s %4s %8s %7s  %9s %7s  %s\n' stage "wall s" MS "MB" "MB/s" "read s" ratio target
  row() {  # STAGE SECONDS COUNT MB REFERENCE_SECONDS TARGETED(0/1)
    local stage=$1 sec=$2 count=$3 mb=$4 ref=$5 targeted=$6
    if [[ -z "$sec" ]]; then printf '%-16s %8s\n' "$stage" "(not printed)"; return; fi
    if [[ -z "$ref" ]]; then printf '%-16s %8.1f %4s %8s %7s  %9s %7s  %s\n' "$stage" "$sec" - - - - - -; return; fi
    local ratio mbs verdict=-
    ratio=$(calc "$sec > 0 ? $ref / $sec : 0"); mbs=$(calc "$sec > 0 ? $mb / $sec : 0")
    (( targeted )) && verdict=$([[ $(calc "$ratio >= 1.0") == 1 ]] && echo ">= 1.0x: met" || echo ">= 1.0x: MISSED")
    printf '%-16s %8.1f %4d %8.0f %7.0f  %9.2f %6.2fx  %s\n' "$stage" "$sec" "$count" "$mb" "$mbs" "$ref" "$ratio" \
      "$verdict"
  }
  row convert "${st[convert]:-}" "${#all[@]}" "$mb_all" "$ref_convert" 0
  row classify "${st[classify]:-}" 0 0 "" 0
  [[ -n "${st[flag]:-}" ]] && row flag "${st[flag]}" "${#all[@]}" "$mb_all" "$ref_flag" 0
  row diagnose "${st[diagnose]:-}" "${#cal[@]}" "$mb_cal" "$ref_diagnose" 1
  row rephase+predict "${st[rephase+predict]:-}" "${#rephased[@]}" "$mb_reph" "$ref_rephase" 1
  row predict "${st[predict]:-}" "${#oncal[@]}" "$mb_oncal" "$ref_predict" 1
  for k in "${solve_keys[@]}"; do
    row "$k" "${st[$k]}" "${#cal[@]}" "$mb_cal" "$ref_solve" 1
  done
  (( ${#solve_keys[@]} > 0 )) || row solve "" "${#cal[@]}" "$mb_cal" "$ref_solve" 1
  row apply "${st[apply]:-}" "${#all[@]}" "$mb_all" "$ref_apply" 1
  row "diagnose after" "${st[diagnose after]:-}" "${#cal[@]}" "$mb_cal" "$ref_diagnose" 1
  row record "${st[record]:-}" 0 0 "" 0
  stages=0
  for k in "${!st[@]}"; do stages=$(calc "$stages + ${st[$k]}"); done
  echo "(read s: python-casacore getcol, $cores readers at once)"
  ratio_one=$(calc "$ref_one > 0 ? $wall / $ref_one : 0")
  echo "pipeline = $(fmt %.1f "$ratio_one")x one read: pipeline $(fmt %.1f "$wall") s (JVM and Spark start" \
    "included; its stages $(fmt %.1f "$stages") s) against one python-casacore reader of every main-table column of" \
    "the $n MS one after another, $(fmt %.1f "$ref_one") s ($(fmt %.0f "$(calc "$ref_one_bytes / 1e6")") MB);" \
    "target <= 8x: $([[ $(calc "$ratio_one <= 8") == 1 ]] && echo met || echo MISSED)"
  echo "driver+executor peak heap (local[*]): $peak MB (largest heap in use before a GC or at exit; largest after" \
    "a GC $live MB; the pipeline's own figure, the heap pools' peaks summed: ${p_mx:-?} MB)"
  echo "lake at the end: $(( lake_bytes >> 20 )) MB (deleted); log $log, GC log $run/gc.log"
  sum_wall[$n]=$wall; sum_stages[$n]=$stages; sum_read[$n]=$ref_one; sum_peak[$n]=$peak; sum_live[$n]=$live
  sum_mx[$n]=${p_mx:-0}; sum_mb[$n]=$mb_all
  unset st
done

echo
echo "== summary: wall time linear in N, heap flat in N?"
printf '%4s %8s %9s %9s %9s %9s %9s %11s %9s %9s %9s\n' N "MB of MS" "wall s" "stages s" "s per MS" "s per +MS" \
  "one read" "pipe/read" "peak MB" "live MB" "own MB"
prev_n=""
for n in $sizes; do
  if [[ -z "${sum_wall[$n]:-}" ]]; then printf '%4s %s\n' "$n" "${sum_note[$n]:-not run}"; continue; fi
  per=$(fmt %.1f "$(calc "${sum_wall[$n]} / $n")")
  added=-
  [[ -n "$prev_n" ]] && added=$(fmt %.1f "$(calc "(${sum_wall[$n]} - ${sum_wall[$prev_n]}) / ($n - $prev_n)")")
  printf '%4d %8.0f %9.1f %9.1f %9s %9s %9.1f %10.1fx %9d %9d %9d\n' "$n" "${sum_mb[$n]}" "${sum_wall[$n]}" \
    "${sum_stages[$n]}" "$per" "$added" "${sum_read[$n]}" "$(calc "${sum_wall[$n]} / ${sum_read[$n]}")" \
    "${sum_peak[$n]}" "${sum_live[$n]}" "${sum_mx[$n]}"
  prev_n=$n
done
echo "(wall s: the pipeline with JVM and Spark start; s per MS: wall / N; s per +MS: the wall time each MS added since" \
  "the previous N costs, constant if the wall time is linear in N; one read: one python-casacore reader of all N MS;" \
  "peak: heap in use before a GC or at exit; live: after a GC; own: the pipeline's driver peak heap line)"
exit "${incomplete:-0}"
