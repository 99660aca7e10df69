package org.vispark.udfs.solve;

import java.util.Arrays;
import org.vispark.udfs.vis.PackedCells;

/**
 * Accumulates the rows of one solve group, one at a time, into a {@link SolveGroup}; memory is allocated once
 * ({@link #bytes}) and does not grow with the rows.
 *
 * <p>Row cells are casacore's {@code [chan, pol]} order, polarization fastest: complex value
 * {@code k = chan * numPol + pol} at floats {@code 2k, 2k + 1} (re, im), or a packed lake cell
 * ({@link PackedCells}). WEIGHT is per polarization (null: 1). With a pre-apply chain, each row's DATA is first
 * corrected by {@code 1 / (g_i g_j^*)} of the earlier solutions (and flagged where they are flagged).
 *
 * <p>A builder {@linkplain #channelsCombined combining channels} (for G, whose solver only ever uses the sums over
 * all channels) keeps one cell per baseline and polarization: each row's channel sums are taken in double precision,
 * then added to the cell, so a group is {@code numChan} times smaller and a solution interval per integration fits
 * in one pass over the data.
 */
public final class SolveGroupBuilder {
    private final int spw;
    private final int numAnt;
    private final double[] chanFreq_hz;
    private final int numPol;
    private final GainCorrector preApply;
    private final boolean combineChannels;
    /** Per polarization: S re, S im, P, Q, N of the row being added (combined channels only). */
    private final double[] rowSums;
    private final float[] sRe;
    private final float[] sIm;
    private final float[] p;
    private final float[] q;
    private final int[] n;
    private final float[] scratchData;
    private final float[] scratchModel;
    private final boolean[] scratchFlags;
    private double firstTime = Double.POSITIVE_INFINITY;
    private double lastTime = Double.NEGATIVE_INFINITY;
    private long rows;

    /**
     * @param spw         spectral window id
     * @param numAnt      antennas (largest ANTENNA1/ANTENNA2 + 1)
     * @param chanFreq_hz channel frequencies of the window (Hz)
     * @param numPol      polarizations per cell
     * @param preApply    earlier solutions to correct each row with before accumulating, or null
     */
    public SolveGroupBuilder(int spw, int numAnt, double[] chanFreq_hz, int numPol, GainCorrector preApply) {
        this(spw, numAnt, chanFreq_hz, numPol, preApply, false);
    }

    /**
     * A builder of a group whose cells combine all channels: its {@link SolveGroup} has one channel, at the mean
     * frequency, holding the sums over all of them (for G).
     */
    public static SolveGroupBuilder channelsCombined(int spw, int numAnt, double[] chanFreq_hz, int numPol,
            GainCorrector preApply) {
        return new SolveGroupBuilder(spw, numAnt, chanFreq_hz, numPol, preApply, true);
    }

    private SolveGroupBuilder(int spw, int numAnt, double[] chanFreq_hz, int numPol, GainCorrector preApply,
            boolean combineChannels) {
        if (numAnt < 2 || numPol < 1 || chanFreq_hz.length < 1) {
            throw new IllegalArgumentException("a solve group needs >= 2 antennas, >= 1 polarization and >= 1 channel,"
                    + " not " + numAnt + ", " + numPol + ", " + chanFreq_hz.length);
        }
        int cells = combineChannels ? 1 : chanFreq_hz.length;
        long values = (long) numAnt * (numAnt - 1) / 2 * cells * numPol;
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("solve group too large: " + values + " baseline-channel-polarization"
                    + " values (" + bytes(numAnt, chanFreq_hz.length, numPol) + " bytes)");
        }
        this.spw = spw;
        this.numAnt = numAnt;
        this.chanFreq_hz = chanFreq_hz.clone();
        this.numPol = numPol;
        this.preApply = preApply;
        this.combineChannels = combineChannels;
        this.rowSums = new double[5 * numPol];
        int v = (int) values;
        sRe = new float[v];
        sIm = new float[v];
        p = new float[v];
        q = new float[v];
        n = new int[v];
        scratchData = new float[2 * chanFreq_hz.length * numPol];
        scratchModel = new float[2 * chanFreq_hz.length * numPol];
        scratchFlags = new boolean[chanFreq_hz.length * numPol];
    }

    /** Bytes a group of these dimensions holds: baselines x channels x polarizations x 20. */
    public static long bytes(int numAnt, int numChan, int numPol) {
        return (long) numAnt * (numAnt - 1) / 2 * numChan * numPol * 20;
    }

    /** Bytes a group {@linkplain #channelsCombined combining channels} holds: baselines x polarizations x 20. */
    public static long bytesCombined(int numAnt, int numPol) {
        return bytes(numAnt, 1, numPol);
    }

    /**
     * Adds one row.
     *
     * @param data    DATA, interleaved re,im, [chan, pol] (not modified)
     * @param model   MODEL_DATA, same layout
     * @param flags   FLAG [chan, pol], or null for none
     * @param weight  WEIGHT per polarization, or null for 1
     */
    public void addRow(int ant1, int ant2, double time_mjdSec, float[] data, float[] model, boolean[] flags,
            float[] weight) {
        int values = chanFreq_hz.length * numPol;
        check(ant1, ant2, data.length, model.length, flags == null ? -1 : flags.length, weight);
        if (flags != null) {
            System.arraycopy(flags, 0, scratchFlags, 0, values);
        } else {
            Arrays.fill(scratchFlags, false);
        }
        float[] v = data;
        if (preApply != null) {
            System.arraycopy(data, 0, scratchData, 0, data.length);
            v = scratchData;
        }
        add(ant1, ant2, time_mjdSec, v, model, weight);
    }

    /** Adds one row of packed lake cells (DATA, MODEL_DATA complex cells; FLAG bit cell, or null for none). */
    public void addPackedRow(int ant1, int ant2, double time_mjdSec, byte[] data, byte[] model, byte[] flags,
            float[] weight) {
        int values = chanFreq_hz.length * numPol;
        check(ant1, ant2, data.length / 4, model.length / 4, -1, weight);
        PackedCells.unpackFloats(data, scratchData);
        PackedCells.unpackFloats(model, scratchModel);
        if (flags != null) {
            PackedCells.unpackFlags(flags, values, scratchFlags);
        } else {
            Arrays.fill(scratchFlags, false);
        }
        add(ant1, ant2, time_mjdSec, scratchData, scratchModel, weight);
    }

    private void check(int ant1, int ant2, int dataFloats, int modelFloats, int flags, float[] weight) {
        int values = chanFreq_hz.length * numPol;
        if (ant1 < 0 || ant2 < 0 || ant1 >= numAnt || ant2 >= numAnt) {
            throw new IllegalArgumentException("antennas (" + ant1 + ", " + ant2 + ") outside 0.." + (numAnt - 1));
        }
        if (dataFloats != 2 * values || modelFloats != 2 * values || (flags >= 0 && flags != values)
                || (weight != null && weight.length != numPol)) {
            throw new IllegalArgumentException("row cells must hold " + chanFreq_hz.length + " channels x " + numPol
                    + " polarizations: data " + dataFloats + ", model " + modelFloats + " floats, flags "
                    + (flags < 0 ? "none" : flags) + ", weight " + (weight == null ? "none" : weight.length));
        }
    }

    /** Adds a checked row, its flags in {@link #scratchFlags}; {@code v} may be corrected in place. */
    private void add(int ant1, int ant2, double time_mjdSec, float[] v, float[] model, float[] weight) {
        rows++;
        firstTime = Math.min(firstTime, time_mjdSec);
        lastTime = Math.max(lastTime, time_mjdSec);
        if (ant1 == ant2) {
            return;
        }
        boolean[] f = scratchFlags;
        if (preApply != null) {
            preApply.correct(ant1, ant2, time_mjdSec, v, f);
        }
        int values = f.length;
        boolean swap = ant1 > ant2;
        int b = swap ? SolveGroup.baseline(ant2, ant1, numAnt) : SolveGroup.baseline(ant1, ant2, numAnt);
        if (combineChannels) {
            addCombined(b, swap, v, model, weight);
            return;
        }
        int base = b * values;
        float sign = swap ? -1f : 1f; // S of (j, i) is conj(S of (i, j))
        for (int k = 0; k < values; k++) {
            float w = weight == null ? 1f : weight[k % numPol];
            if (f[k] || !(w > 0)) {
                continue;
            }
            float vr = v[2 * k];
            float vi = v[2 * k + 1];
            float mr = model[2 * k];
            float mi = model[2 * k + 1];
            float mm = mr * mr + mi * mi;
            if (!(mm > 0) || !Float.isFinite(vr) || !Float.isFinite(vi)) {
                continue;
            }
            int o = base + k;
            sRe[o] += w * (vr * mr + vi * mi);
            sIm[o] += sign * w * (vi * mr - vr * mi);
            p[o] += w * mm;
            q[o] += w * (vr * vr + vi * vi);
            n[o]++;
        }
    }

    /** {@link #add} of a group combining channels: the row's sums over channels, then into the cells. */
    private void addCombined(int b, boolean swap, float[] v, float[] model, float[] weight) {
        Arrays.fill(rowSums, 0);
        boolean[] f = scratchFlags;
        for (int k = 0; k < f.length; k++) {
            int pol = k % numPol;
            float w = weight == null ? 1f : weight[pol];
            if (f[k] || !(w > 0)) {
                continue;
            }
            double vr = v[2 * k];
            double vi = v[2 * k + 1];
            double mr = model[2 * k];
            double mi = model[2 * k + 1];
            double mm = mr * mr + mi * mi;
            if (!(mm > 0) || !Double.isFinite(vr) || !Double.isFinite(vi)) {
                continue;
            }
            int s = 5 * pol;
            rowSums[s] += w * (vr * mr + vi * mi);
            rowSums[s + 1] += w * (vi * mr - vr * mi);
            rowSums[s + 2] += w * mm;
            rowSums[s + 3] += w * (vr * vr + vi * vi);
            rowSums[s + 4]++;
        }
        double sign = swap ? -1 : 1; // S of (j, i) is conj(S of (i, j))
        for (int pol = 0; pol < numPol; pol++) {
            int o = b * numPol + pol;
            int s = 5 * pol;
            sRe[o] += (float) rowSums[s];
            sIm[o] += (float) (sign * rowSums[s + 1]);
            p[o] += (float) rowSums[s + 2];
            q[o] += (float) rowSums[s + 3];
            n[o] += (int) rowSums[s + 4];
        }
    }

    /** The group so far (the builder must not be used afterwards). */
    public SolveGroup build() {
        double[] freqs = chanFreq_hz;
        if (combineChannels) {
            freqs = new double[] {Arrays.stream(chanFreq_hz).average().orElseThrow()};
        }
        return new SolveGroup(spw, numAnt, freqs, numPol, firstTime, lastTime, rows, sRe, sIm, p, q, n);
    }
}
