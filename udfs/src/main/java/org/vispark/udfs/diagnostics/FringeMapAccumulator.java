package org.vispark.udfs.diagnostics;

import java.io.Serializable;
import java.util.Arrays;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.vis.PackedCells;

/**
 * A gain-tolerant direct Fourier map of DATA over a {@link SkyGrid}: where the brightest source really is, found from
 * the visibilities and the UVW alone (not from FIELD).
 *
 * <p>For pixel direction s with direction cosines (l, m, n) about the row's phase centre and the unit point-source
 * visibility {@code K_s = exp(+2 pi i (u l + v m + w (n - 1)) f / c)} (MS convention), each group g = (baseline,
 * polarization, channel block of B channels) sums coherently over its times and channels
 * {@code F_g(s) = sum_{x in g} D_x conj(K_s,x)} (unflagged values), and the map is
 * {@code map(s) = sum_g |F_g(s)|}. A dirty image (the coherent sum over all groups) would need calibrated phases:
 * the unsolved antenna phases scramble it. Within a group the gain is nearly constant, so |F_g| is largest where the
 * residual fringe (the phase of D conj(K_s) over time and frequency) stops winding, whatever the constant gain phase:
 * each group localizes the source along its baseline through the delay across its B channels and across it through
 * the fringe rate over time, and the sum over baselines of all orientations peaks at the source. Antenna delays and
 * phase drifts bias each group's position by about {@code c tau / |b|} (tau the baseline's instrumental delay), which
 * averages down over baselines but sets the accuracy: about an arcminute for make_ms.py's default 2 ns delays.
 *
 * <p>Mergeable: {@link #merge} adds the coherent sums of equal groups (rows of the same baseline in different
 * partitions); {@link #result} collapses to the incoherent map, and maps of accumulators over DISJOINT baselines add.
 * Memory: {@code 16 numPol ceil(numChan / B) pixels} bytes per baseline, so a Spark job should aggregate per (MS,
 * field, baseline), collapse, and sum the maps. Cost: {@code pixels * numChan * numPol} complex multiply-adds per
 * row, the phasors of every pixel advanced one channel at a time by recurrence ({@link PixelPhasors}); a group's sums
 * are held per pixel ({@code [group][re|im][pixel]}), so the work of a channel is element-wise over the pixels and the
 * JIT vectorizes it; flagged values are zeroed once per row and zero values skipped. Not thread-safe.
 */
public final class FringeMapAccumulator implements Serializable {
    private final SkyGrid grid;
    private final double[] freq_hz;
    private final int numPol;
    private final int channelsPerBlock;
    private final int blocks;
    private final GroupSums sums;
    private transient PixelPhasors phasors;
    private transient double[] l;
    private transient double[] m;
    private transient double[] nMinus1;
    private transient double cachedRa0;
    private transient double cachedDec0;
    /** The row being added, flagged values zeroed: re,im [chan, pol]. */
    private transient double[] row;
    /** The incoherent map of the sums, for {@link #collapseInto}. */
    private transient double[] collapsed;

    public FringeMapAccumulator(SkyGrid grid, double[] chanFreq_hz, int numPol, int channelsPerBlock) {
        if (numPol < 1 || channelsPerBlock < 1) {
            throw new IllegalArgumentException("need positive polarizations and channels per block, not " + numPol
                    + ", " + channelsPerBlock);
        }
        this.grid = grid;
        this.freq_hz = chanFreq_hz.clone();
        this.numPol = numPol;
        this.channelsPerBlock = channelsPerBlock;
        this.blocks = (freq_hz.length + channelsPerBlock - 1) / channelsPerBlock;
        this.sums = new GroupSums(2 * numPol * blocks * grid.pixels());
    }

    public SkyGrid grid() {
        return grid;
    }

    /**
     * Adds one row: UVW at {@code uvw[uvwOff..uvwOff+3)} (metres) for the J2000 phase centre (ra0, dec0) the row is
     * phased to, DATA at {@code data[dataOff ..)} ({@code 2 numChan numPol} floats), flags at {@code flags[flagOff ..)}
     * or null. Autocorrelations are ignored.
     */
    public void add(int ant1, int ant2, double[] uvw, int uvwOff, double ra0_rad, double dec0_rad, float[] data,
            int dataOff, boolean[] flags, int flagOff) {
        if (ant1 == ant2) {
            return;
        }
        int numChan = freq_hz.length;
        if (dataOff + 2 * numChan * numPol > data.length || (flags != null && flagOff + numChan * numPol > flags.length)) {
            throw new IllegalArgumentException("row of baseline " + ant1 + "-" + ant2 + " does not hold " + numChan
                    + " channels x " + numPol + " polarizations");
        }
        if (phasors == null) {
            phasors = new PixelPhasors(freq_hz, grid.pixels());
        }
        if (l == null || ra0_rad != cachedRa0 || dec0_rad != cachedDec0) {
            directionCosines(ra0_rad, dec0_rad);
        }
        double[] s = sums.of(Baselines.key(ant1, ant2));
        int values = numChan * numPol;
        if (row == null || row.length != 2 * values) {
            row = new double[2 * values];
        }
        boolean any = false;
        for (int k = 0; k < values; k++) {
            boolean flagged = flags != null && flags[flagOff + k];
            row[2 * k] = flagged ? 0 : data[dataOff + 2 * k];
            row[2 * k + 1] = flagged ? 0 : data[dataOff + 2 * k + 1];
            any |= !flagged;
        }
        if (!any) {
            return;
        }
        int pixels = grid.pixels();
        double u = uvw[uvwOff];
        double v = uvw[uvwOff + 1];
        double w = uvw[uvwOff + 2];
        double[] path = phasors.path_m();
        for (int p = 0; p < pixels; p++) {
            path[p] = -(u * l[p] + v * m[p] + w * nMinus1[p]);
        }
        phasors.start();
        double[] zr = phasors.re;
        double[] zi = phasors.im;
        for (int c = 0; c < numChan; c++) {
            if (c > 0) {
                phasors.next();
            }
            int b = c / channelsPerBlock;
            for (int q = 0; q < numPol; q++) {
                int k = 2 * (c * numPol + q);
                double dr = row[k];
                double di = row[k + 1];
                if (dr == 0 && di == 0) {
                    continue;
                }
                int sRe = 2 * (q * blocks + b) * pixels;
                int sIm = sRe + pixels;
                for (int p = 0; p < pixels; p++) {
                    s[sRe + p] += dr * zr[p] - di * zi[p];
                    s[sIm + p] += dr * zi[p] + di * zr[p];
                }
            }
        }
    }

    /** {@link #add} of a packed DATA cell and packed flags (null: none flagged). */
    public void addPacked(int ant1, int ant2, double[] uvw, double ra0_rad, double dec0_rad, byte[] data,
            byte[] flags) {
        add(ant1, ant2, uvw, 0, ra0_rad, dec0_rad, PackedCells.unpackFloats(data), 0,
                flags == null ? null : PackedCells.unpackFlags(flags, freq_hz.length * numPol), 0);
    }

    /** Adds the coherent sums of {@code other} (same grid, channels, polarizations, block size). */
    public void merge(FringeMapAccumulator other) {
        if (!other.grid.equals(grid) || other.numPol != numPol || other.channelsPerBlock != channelsPerBlock
                || !Arrays.equals(other.freq_hz, freq_hz)) {
            throw new IllegalArgumentException("cannot merge fringe maps of different grids or spectral layouts");
        }
        sums.merge(other.sums);
    }

    /** The incoherent map {@code sum_g |F_g(s)|}, one value per pixel of {@link #grid()}. */
    public double[] result() {
        double[] map = new double[grid.pixels()];
        addIncoherentSums(map);
        return map;
    }

    /**
     * Adds {@link #result()} to {@code map} (one value per pixel) and forgets every sum, so that the next rows (of
     * other baselines) start from zero while the arrays, direction cosines and phasors are kept: for a caller that
     * collapses one baseline after another into one map.
     */
    public void collapseInto(double[] map) {
        if (map.length != grid.pixels()) {
            throw new IllegalArgumentException("map of " + map.length + " pixels for a grid of " + grid.pixels());
        }
        if (collapsed == null) {
            collapsed = new double[grid.pixels()];
        }
        Arrays.fill(collapsed, 0);
        addIncoherentSums(collapsed);
        for (int p = 0; p < map.length; p++) {
            map[p] += collapsed[p];
        }
        sums.clear();
    }

    private void addIncoherentSums(double[] map) {
        int pixels = grid.pixels();
        int groups = numPol * blocks;
        for (double[] s : sums.all().values()) {
            for (int g = 0; g < groups; g++) {
                int re = 2 * g * pixels;
                int im = re + pixels;
                for (int p = 0; p < pixels; p++) {
                    map[p] += Math.sqrt(s[re + p] * s[re + p] + s[im + p] * s[im + p]);
                }
            }
        }
    }

    private void directionCosines(double ra0, double dec0) {
        int pixels = grid.pixels();
        l = new double[pixels];
        m = new double[pixels];
        nMinus1 = new double[pixels];
        double[] lmn = new double[3];
        for (int p = 0; p < pixels; p++) {
            RaDec d = grid.direction(p);
            Spherical.lmn(d.ra_rad(), d.dec_rad(), ra0, dec0, lmn, 0);
            l[p] = lmn[0];
            m[p] = lmn[1];
            nMinus1[p] = lmn[2];
        }
        cachedRa0 = ra0;
        cachedDec0 = dec0;
    }
}
