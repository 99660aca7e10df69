package org.vispark.jobs.diagnose;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.vispark.jobs.lake.MsRows;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.VisRecords;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.diagnostics.DataPeakSearch;
import org.vispark.udfs.diagnostics.FieldDiagnostics;
import org.vispark.udfs.diagnostics.FieldDiagnosticsAccumulator;
import org.vispark.udfs.diagnostics.FringeMapAccumulator;
import org.vispark.udfs.diagnostics.JudgedCorrelations;
import org.vispark.udfs.diagnostics.SkyGrid;
import org.vispark.udfs.diagnostics.Verdict;
import org.vispark.udfs.rephase.ChannelPhasors;
import org.vispark.udfs.vis.Correlations;
import org.vispark.udfs.vis.PackedCells;

/**
 * Runs one {@link DiagnoseTask} in a Spark task. Pass 1 over the MS's visibility rows accumulates, per field and
 * spectral window, the DATA-versus-MODEL statistics ({@link FieldDiagnosticsAccumulator}; DATA or CORRECTED_DATA as
 * {@link DiagnoseSettings#dataColumn()} says; MODEL_DATA absent counts as zero, so its statistics are NaN), a sample
 * of points for the uv-distance plots, the coarse data-peak map about the calibrator from the shortest baselines, and
 * the channel-binned rows of every baseline ({@link BinnedRows}); then one pass per fine level of the map, from every
 * baseline ({@link DataPeakSearch}), and a further one only when a fine peak lies on its grid's edge (twice at most).
 * The fine passes replay the binned rows when those of all fields fit {@link #REPLAY_BYTES} (the MS is read once),
 * else each reads the MS again, only the columns the map needs. Statistics, plots and map see the correlations
 * {@link JudgedCorrelations} picks from each cell (the parallel hands, or the one correlation of a one-correlation MS),
 * from the POLARIZATION row of the (field, spectral window)'s first row; a (field, spectral window) whose rows have
 * polarization setups of different correlations is refused. For the peak search, the data are first averaged into at
 * most {@link DiagnoseSettings#peakChannels()} channel bins (flag-aware), and a baseline's coherent sums are collapsed
 * into the map when the next baseline starts (lake files are sorted by baseline within each sorted run convert
 * wrote), so memory stays at one baseline's sums; a baseline whose rows span several runs (an MS larger than convert's
 * sort buffer) adds one term per run, each coherent over that run's integrations only.
 */
final class MsDiagnoser {
    private MsDiagnoser() {}

    /** The columns a fine pass reads, besides the data column. */
    private static final List<String> MAP_COLUMNS = List.of("row", "antenna1", "antenna2", "field_id", "spw",
            "flag_row", "num_chan", "num_pol", "uvw", "flag");
    /** The columns pass 1 reads, besides the data column: those of a fine pass and what the statistics need. */
    private static final List<String> PASS1_COLUMNS = Stream.concat(MAP_COLUMNS.stream(),
            Stream.of("time", "pol_id", "model_data")).toList();
    /**
     * Bytes of binned rows the fields of an MS keep from pass 1, so that the fine passes need not read the MS again:
     * the DSA-110's 143,880 rows of 48 channel bins take 115 MB; an MS with more reads once per fine pass.
     */
    private static final long REPLAY_BYTES = 192L << 20;

    /** Fine passes at most: one per fine level and two moves of a fine grid whose peak lies on its edge. */
    private static final int MAX_FINE_PASSES = DataPeakSearch.fineLevels() + 2;

    /** The outcome of an MS: its (field, spectral window) pairs, or the reason it could not be diagnosed. */
    record Result(String error, List<FieldOutcome> fields, double seconds) implements Serializable {}

    static Result run(DiagnoseTask t, Configuration conf) {
        long t0 = System.nanoTime();
        try {
            for (DiagnoseTask.FieldTarget f : t.fields().values()) {
                if (Double.isNaN(f.phaseCentreRa_rad())) {
                    throw new IllegalArgumentException("FIELD " + f.fieldId() + " has no J2000 PHASE_DIR; diagnose"
                            + " needs J2000 (or ICRS) phase centres");
                }
            }
            Map<Long, FieldState> states = new TreeMap<>();
            BinnedRows.Budget replayBudget = new BinnedRows.Budget(REPLAY_BYTES);
            List<String> pass1Columns = new ArrayList<>(PASS1_COLUMNS);
            pass1Columns.add(t.settings().dataColumn());
            MsRows.forEach(t.layout(), t.files(), conf, pass1Columns, r -> pass1(t, states, replayBudget, r));
            if (states.isEmpty()) {
                throw new IllegalArgumentException("no unflagged cross-correlation rows with "
                        + t.settings().dataColumn().toUpperCase(Locale.ROOT));
            }
            boolean fine = false;
            for (FieldState s : states.values()) {
                fine |= s.startFinePass();
            }
            List<String> columns = new ArrayList<>(MAP_COLUMNS);
            columns.add(t.settings().dataColumn());
            for (int pass = 1; fine; pass++) {
                if (states.values().stream().allMatch(FieldState::replayable)) {
                    states.values().forEach(FieldState::replay);
                } else {
                    MsRows.forEach(t.layout(), t.files(), conf, columns,
                            r -> pass2(states, r, t.settings().dataColumn()));
                }
                fine = false;
                for (FieldState s : states.values()) {
                    fine |= s.nextFinePass(pass < MAX_FINE_PASSES);
                }
            }
            List<FieldOutcome> out = new ArrayList<>();
            for (FieldState s : states.values()) {
                out.add(s.outcome(t));
            }
            return new Result(null, out, seconds(t0));
        } catch (IOException | RuntimeException e) {
            return new Result(e.getMessage() == null ? e.toString() : e.getMessage(), List.of(), seconds(t0));
        }
    }

    /** The key of a (field, spectral window) pair, ordered by field, then window. */
    private static long key(int field, int spw) {
        return ((long) field << 32) | (spw & 0xffffffffL);
    }

    private static void pass1(DiagnoseTask t, Map<Long, FieldState> states, BinnedRows.Budget replayBudget,
            GenericRecord r) {
        int a1 = VisRecords.integer(r, "antenna1");
        int a2 = VisRecords.integer(r, "antenna2");
        byte[] data = VisRecords.cell(r, t.settings().dataColumn());
        if (a1 == a2 || data == null || VisRecords.rowFlagged(r)) {
            return;
        }
        int field = VisRecords.integer(r, "field_id");
        DiagnoseTask.FieldTarget target = t.fields().get(field);
        if (target == null) {
            throw new IllegalArgumentException("row " + r.get("row") + " has FIELD_ID " + field
                    + ", which is not in the MS's FIELD table");
        }
        int spw = VisRecords.integer(r, "spw");
        int polId = VisRecords.integer(r, "pol_id");
        int[] corrTypes = t.corrTypes().get(polId);
        if (corrTypes == null) {
            throw new IllegalArgumentException("row " + r.get("row") + " has POLARIZATION_ID " + polId
                    + ", which is not in the MS's POLARIZATION table");
        }
        FieldState s = states.get(key(field, spw));
        if (s == null) {
            double[] freqs = MsVersions.frequencies(t.chanFreqs_hz(), spw);
            s = new FieldState(target, spw, freqs, polId, corrTypes, t.settings(), t.msId(), t.coarseBaselineLimit_m(),
                    replayBudget);
            states.put(key(field, spw), s);
        } else if (polId != s.polId && !Arrays.equals(corrTypes, s.corrTypes)) {
            throw new IllegalArgumentException("field " + field + ", spectral window " + spw + " has rows of"
                    + " POLARIZATION_ID " + s.polId + " " + Correlations.names(s.corrTypes) + " and " + polId + " "
                    + Correlations.names(corrTypes) + "; diagnose judges one correlation layout per field and"
                    + " spectral window");
        }
        s.rows++;
        s.timeSum += VisRecords.time(r);
        s.add(r, a1, a2, data);
    }

    private static void pass2(Map<Long, FieldState> states, GenericRecord r, String column) {
        int a1 = VisRecords.integer(r, "antenna1");
        int a2 = VisRecords.integer(r, "antenna2");
        FieldState s = states.get(key(VisRecords.integer(r, "field_id"), VisRecords.integer(r, "spw")));
        if (a1 == a2 || s == null || s.map == null || VisRecords.rowFlagged(r)) {
            return;
        }
        byte[] data = VisRecords.cell(r, column);
        if (data != null) {
            s.addToMap(r, a1, a2, data);
        }
    }

    /** The accumulators of one field and spectral window. */
    private static final class FieldState {
        final DiagnoseTask.FieldTarget target;
        final int spw;
        final double[] freq_hz;
        final int numChan;
        /** The POLARIZATION row of the pair's first row, its correlations, and those judged. */
        final int polId;
        final int[] corrTypes;
        final JudgedCorrelations judged;
        /** Judged correlations per channel. */
        final int numPol;
        final DiagnoseSettings settings;
        final FieldDiagnosticsAccumulator stats;
        final UvSample sample;
        final int binWidth;
        final double[] binFreq_hz;
        final float[] binned;
        final boolean[] binFlags;
        final double[] uvw = new double[3];
        /**
         * A row's judged DATA, MODEL_DATA (zeros without) and flags, unpacked into arrays reused for every row; the
         * whole cell first into {@code cellValues} and {@code cellFlags} when it has correlations that are not judged.
         */
        final float[] dataValues;
        final float[] modelValues;
        final boolean[] flagValues;
        final float[] cellValues;
        final boolean[] cellFlags;
        /** Direction cosines (l, m, n - 1) of the calibrator about the phase centre, for the channel binning. */
        final double[] calibratorLmn;
        final ChannelPhasors channelPhasors;
        final ChannelPhasors binPhasors;
        final double coarseBaselineLimit_m;
        long rows;
        double timeSum;
        SkyGrid coarse;
        SkyGrid grid;
        /** The fine level of {@link #grid} once the coarse pass is over. */
        int fineLevel;
        double[] map;
        FringeMapAccumulator baseline;
        int baselineKey = -1;
        /** The binned rows of pass 1, for the fine passes (kept while they fit the budget); null without a map. */
        BinnedRows replayRows;
        DataPeakSearch.DataPeak peak;

        FieldState(DiagnoseTask.FieldTarget target, int spw, double[] freq_hz, int polId, int[] corrTypes,
                DiagnoseSettings settings, long seed, double coarseBaselineLimit_m, BinnedRows.Budget replayBudget) {
            this.target = target;
            this.coarseBaselineLimit_m = coarseBaselineLimit_m;
            this.spw = spw;
            this.freq_hz = freq_hz;
            this.numChan = freq_hz.length;
            this.polId = polId;
            this.corrTypes = corrTypes;
            this.judged = JudgedCorrelations.of(corrTypes);
            this.numPol = judged.count();
            this.settings = settings;
            this.stats = new FieldDiagnosticsAccumulator(numChan, numPol, settings.channelsPerBlock());
            this.sample = new UvSample(settings.plotPoints(), new Random(seed ^ target.fieldId()));
            this.binWidth = (numChan + settings.peakChannels() - 1) / settings.peakChannels();
            int bins = (numChan + binWidth - 1) / binWidth;
            this.binFreq_hz = new double[bins];
            for (int b = 0; b < bins; b++) {
                int from = b * binWidth;
                int to = Math.min(numChan, from + binWidth);
                double sum = 0;
                for (int c = from; c < to; c++) {
                    sum += freq_hz[c];
                }
                binFreq_hz[b] = sum / (to - from);
            }
            this.binned = new float[2 * bins * numPol];
            this.binFlags = new boolean[bins * numPol];
            this.dataValues = new float[2 * numChan * numPol];
            this.modelValues = new float[2 * numChan * numPol];
            this.flagValues = new boolean[numChan * numPol];
            this.cellValues = judged.isWholeCell() ? null : new float[2 * numChan * judged.cellCorrelations()];
            this.cellFlags = judged.isWholeCell() ? null : new boolean[numChan * judged.cellCorrelations()];
            this.channelPhasors = new ChannelPhasors(freq_hz);
            this.binPhasors = new ChannelPhasors(binFreq_hz);
            this.calibratorLmn = new double[3];
            if (target.calibrator() != null) {
                Spherical.lmn(target.calibratorRa_rad(), target.calibratorDec_rad(), target.phaseCentreRa_rad(),
                        target.phaseCentreDec_rad(), calibratorLmn, 0);
            }
            if (target.calibrator() != null) {
                coarse = DataPeakSearch.coarseGrid(RaDec.j2000(target.calibratorRa_rad(), target.calibratorDec_rad()),
                        settings.searchRadius_rad());
                grid = coarse;
                map = new double[coarse.pixels()];
                replayRows = new BinnedRows(binned.length, replayBudget);
            }
        }

        void add(GenericRecord r, int a1, int a2, byte[] dataCell) {
            if (VisRecords.integer(r, "num_chan") != numChan
                    || VisRecords.integer(r, "num_pol") != judged.cellCorrelations()) {
                throw new IllegalArgumentException("row " + r.get("row") + " of field " + target.fieldId()
                        + ", spectral window " + spw + " has " + r.get("num_chan") + " x " + r.get("num_pol")
                        + " cells, not " + numChan + " x " + judged.cellCorrelations());
            }
            float[] data = unpackValues(dataCell, dataValues);
            float[] model = modelValues;
            byte[] modelCell = VisRecords.cell(r, "model_data");
            if (modelCell == null) {
                Arrays.fill(model, 0);
            } else {
                unpackValues(modelCell, model);
            }
            byte[] flagCell = VisRecords.cell(r, "flag");
            boolean[] flags = flagCell == null ? null : unpackFlags(flagCell);
            stats.add(a1, a2, data, 0, model, 0, flags, 0);
            VisRecords.uvw(r, uvw);
            sample.offer(uvw, data, model, flags, numChan, numPol);
            double baseline_m = Math.sqrt(uvw[0] * uvw[0] + uvw[1] * uvw[1] + uvw[2] * uvw[2]);
            boolean coarseRow = baseline_m <= coarseBaselineLimit_m;
            if (map != null && (coarseRow || replayRows.complete())) {
                average(data, flags);
                replayRows.add(a1, a2, uvw, binned);
                if (coarseRow) {
                    addBinned(a1, a2, uvw, binned, binFlags);
                }
            }
        }

        void addToMap(GenericRecord r, int a1, int a2, byte[] dataCell) {
            byte[] flagCell = VisRecords.cell(r, "flag");
            VisRecords.uvw(r, uvw);
            average(unpackValues(dataCell, dataValues), flagCell == null ? null : unpackFlags(flagCell));
            addBinned(a1, a2, uvw, binned, binFlags);
        }

        /** The judged values of a packed complex cell, into {@code into}. */
        private float[] unpackValues(byte[] cell, float[] into) {
            if (cellValues == null) {
                PackedCells.unpackFloats(cell, into);
            } else {
                PackedCells.unpackFloats(cell, cellValues);
                judged.pickValues(cellValues, numChan, into);
            }
            return into;
        }

        /** The judged flags of a packed flag cell, into {@link #flagValues}. */
        private boolean[] unpackFlags(byte[] cell) {
            if (cellFlags == null) {
                PackedCells.unpackFlags(cell, flagValues.length, flagValues);
            } else {
                PackedCells.unpackFlags(cell, cellFlags.length, cellFlags);
                judged.pickFlags(cellFlags, numChan, flagValues);
            }
            return flagValues;
        }

        private void addBinned(int a1, int a2, double[] rowUvw, float[] rowBinned, boolean[] rowFlags) {
            int key = a1 * 65536 + a2;
            if (baseline == null) {
                baseline = new FringeMapAccumulator(grid, binFreq_hz, numPol, settings.channelsPerBlock());
            } else if (key != baselineKey) {
                collapse();
            }
            baselineKey = key;
            baseline.add(a1, a2, rowUvw, 0, target.phaseCentreRa_rad(), target.phaseCentreDec_rad(), rowBinned, 0,
                    rowFlags, 0);
        }

        /** Whether a fine pass can replay the binned rows kept by pass 1 (they all fitted the budget). */
        boolean replayable() {
            return map == null || replayRows.complete();
        }

        /**
         * A fine pass over the binned rows kept by pass 1. Without their flags: a bin with none unflagged holds 0,
         * which adds exactly nothing to the map, as its flag would have made it.
         */
        void replay() {
            if (map != null) {
                replayRows.forEach((a1, a2, rowUvw, rowBinned) -> addBinned(a1, a2, rowUvw, rowBinned, null));
            }
        }

        /**
         * Averages the unflagged values of each channel bin, a bin with none flagged. The values are first turned to
         * the calibrator (multiplied by the conjugate of its fringe at each channel) and the mean turned back at the
         * bin's frequency, so a source near the calibrator does not decorrelate across a bin however far the phase
         * centre is.
         */
        private void average(float[] data, boolean[] flags) {
            double path_m = uvw[0] * calibratorLmn[0] + uvw[1] * calibratorLmn[1] + uvw[2] * calibratorLmn[2];
            channelPhasors.compute(-path_m);
            binPhasors.compute(path_m);
            double[] cr = channelPhasors.cos();
            double[] ci = channelPhasors.sin();
            int bins = binFreq_hz.length;
            for (int b = 0; b < bins; b++) {
                for (int p = 0; p < numPol; p++) {
                    double re = 0;
                    double im = 0;
                    int n = 0;
                    for (int c = b * binWidth; c < Math.min(numChan, (b + 1) * binWidth); c++) {
                        int k = c * numPol + p;
                        if (flags == null || !flags[k]) {
                            double dr = data[2 * k];
                            double di = data[2 * k + 1];
                            re += dr * cr[c] - di * ci[c];
                            im += dr * ci[c] + di * cr[c];
                            n++;
                        }
                    }
                    int o = b * numPol + p;
                    binFlags[o] = n == 0;
                    double br = binPhasors.cos()[b];
                    double bi = binPhasors.sin()[b];
                    binned[2 * o] = n == 0 ? 0 : (float) ((re * br - im * bi) / n);
                    binned[2 * o + 1] = n == 0 ? 0 : (float) ((re * bi + im * br) / n);
                }
            }
        }

        /** Adds the baseline's sums to the map; they start again from zero. */
        private void collapse() {
            if (baseline != null) {
                baseline.collapseInto(map);
            }
        }

        /**
         * Ends a fine pass and sets up the next one, if any: the same level centred on the peak when the peak lies on
         * the grid's edge and {@code mayMove}, else the next fine level. Returns whether a pass is needed.
         */
        boolean nextFinePass(boolean mayMove) {
            if (map == null) {
                return false;
            }
            collapse();
            DataPeakSearch.DataPeak p = DataPeakSearch.peak(grid, map,
                    RaDec.j2000(target.calibratorRa_rad(), target.calibratorDec_rad()));
            if (p.onEdge() && mayMove) {
                grid = DataPeakSearch.around(grid, p);
            } else if (fineLevel + 1 < DataPeakSearch.fineLevels()) {
                grid = DataPeakSearch.refine(grid, map, ++fineLevel);
            } else {
                return false;
            }
            startMap();
            return true;
        }

        /** Ends the coarse pass; returns whether a fine pass is needed. */
        boolean startFinePass() {
            if (map == null) {
                return false;
            }
            collapse();
            grid = DataPeakSearch.refine(coarse, map, fineLevel);
            startMap();
            return true;
        }

        /** An empty map of the new {@link #grid}, its baselines' sums to come in an accumulator of that grid. */
        private void startMap() {
            map = new double[grid.pixels()];
            baseline = null;
            baselineKey = -1;
        }

        FieldOutcome outcome(DiagnoseTask t) {
            FieldDiagnostics d = stats.result();
            RaDec calibrator = target.calibrator() == null ? null
                    : RaDec.j2000(target.calibratorRa_rad(), target.calibratorDec_rad());
            double separation = Double.NaN;
            double overFwhm = Double.NaN;
            if (calibrator != null) {
                collapse();
                peak = DataPeakSearch.peak(grid, map, calibrator);
                double sep_rad = Spherical.separation_rad(target.phaseCentreRa_rad(), target.phaseCentreDec_rad(),
                        calibrator.ra_rad(), calibrator.dec_rad());
                separation = Math.toDegrees(sep_rad) * 60;
                double meanFreq = Arrays.stream(freq_hz).average().orElse(Double.NaN);
                overFwhm = sep_rad / t.beam().fwhm_rad(meanFreq);
            }
            Verdict v = Verdict.of(separation, peak == null ? Double.NaN : peak.offset_arcmin(), d, t.thresholds());
            if (peak != null && peak.onEdge()) {
                List<String> reasons = new ArrayList<>(v.reasons());
                reasons.add("data peak on the edge of the search area: the brightest source may lie beyond it");
                v = new Verdict(v.level(), List.copyOf(reasons));
            }
            return new FieldOutcome(t.msId(), t.conversion(), t.uri(), target, spw, rows, timeSum / rows, separation,
                    overFwhm, d, peak, v, sample.points());
        }
    }


    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
