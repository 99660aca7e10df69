package org.vispark.udfs.diagnostics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vispark.udfs.vis.PackedCells;

/**
 * Accumulates, over the cross-correlation rows of one MS and field (one spectral window), the statistics that compare
 * DATA with MODEL_DATA without solved gains. Mergeable: partial accumulators of any split of the rows
 * ({@link #merge}) give the same {@link #result} as one accumulator of all of them (up to float rounding order).
 *
 * <p>Values: every unflagged (channel, polarization) value of every row with {@code ant1 != ant2}. A group g is one
 * (baseline, polarization, channel block) — channels {@code [b B, (b + 1) B)} for block size B — over all times: the
 * span over which the unsolved gain of a baseline is treated as constant (a constant phase, an antenna delay of a few
 * ns across B channels, a slow drift). Definitions ({@link FieldDiagnostics}):
 * <ul>
 *   <li>{@code ampRatio} (vector): {@code sum_g |sum_{x in g} D_x| / sum_g |sum_{x in g} M_x|} — the vector sums are
 *       taken within a group, where the gain phase is constant, and their amplitudes added over groups, so random
 *       gain phases do not cancel it while a DATA phase that winds within a group (a source off the phase centre,
 *       wrongly modelled) does;</li>
 *   <li>{@code ampRatioScalar}: {@code sum |D_x| / sum |M_x|};</li>
 *   <li>{@code modelPhaseScatter_deg}: circular standard deviation {@code sqrt(-2 ln R)} of the phases of all MODEL
 *       values (|M| &gt; 0), R the length of the mean of their unit phasors: 0 for a model of sources at the phase
 *       centre;</li>
 *   <li>{@code phaseDiffScatter_deg}: with {@code z_x = D_x conj(M_x) / |D_x conj(M_x)|} (values with a zero product
 *       skipped), the circular standard deviation {@code sqrt(-2 ln R)} with
 *       {@code R = sum_g |sum_{x in g} z_x| / sum_g n_g}: the mean resultant length after rotating every group by its
 *       own circular mean phase (its constant gain phase), i.e. the scatter of phase(D M*) about its per-baseline,
 *       per-polarization, per-channel-block mean over time. With few values per group R has a floor of about
 *       {@code sqrt(pi / (4 n_g))} for random phases;</li>
 *   <li>SNR of a group: {@code |mean D| / sqrt(s^2 / n)} with {@code s^2 = (sum |D|^2 - n |mean D|^2) / (n - 1)}
 *       (complex sample variance) over the group's values (infinite for noise-free constant data, undefined below 2
 *       values); a baseline's SNR is the median over its groups, an antenna's the median over its baselines,
 *       {@code medianSnr} the median over baselines;</li>
 *   <li>flagged fraction: flagged values / all values of cross-correlation rows (per antenna: of its baselines);
 *       antenna amplitude: mean |D| of its unflagged values.</li>
 * </ul>
 * Cells: {@code numChan * numPol} complex values, polarization fastest, as float32 re,im (interleaved in a
 * {@code float[]} from the MS or packed lake cells); flags one per value (null: none flagged).
 */
public final class FieldDiagnosticsAccumulator implements Serializable {
    // per group: sum D (re, im), sum M (re, im), sum z (re, im), n_z, sum |D|^2, n
    private static final int D_RE = 0;
    private static final int D_IM = 1;
    private static final int M_RE = 2;
    private static final int M_IM = 3;
    private static final int Z_RE = 4;
    private static final int Z_IM = 5;
    private static final int Z_N = 6;
    private static final int D2 = 7;
    private static final int N = 8;
    private static final int GROUP_WIDTH = 9;
    // per baseline: values, flagged values, sum |D| of unflagged values
    private static final int B_ALL = 0;
    private static final int B_FLAGGED = 1;
    private static final int B_ABS_D = 2;

    private final int numChan;
    private final int numPol;
    private final int channelsPerBlock;
    /** Per baseline: the sums of its groups, {@code GROUP_WIDTH} doubles each, group (block b, pol p) at b numPol + p. */
    private final GroupSums groups;
    private final GroupSums baselines = new GroupSums(3);
    private double sumAbsData;
    private double sumAbsModel;
    private double modelPhasorRe;
    private double modelPhasorIm;
    private long modelPhasors;
    /**
     * The MODEL value last seen at each (channel, polarization) of a row, its amplitude and the amplitude's inverse (0
     * for a zero value): a model constant in time (a source at the phase centre) needs them once, not once per row.
     */
    private transient float[] modelRe;
    private transient float[] modelIm;
    private transient double[] modelAbs;
    private transient double[] overModelAbs;

    public FieldDiagnosticsAccumulator(int numChan, int numPol, int channelsPerBlock) {
        if (numChan < 1 || numPol < 1 || channelsPerBlock < 1) {
            throw new IllegalArgumentException("need positive channels, polarizations and channels per block, not "
                    + numChan + ", " + numPol + ", " + channelsPerBlock);
        }
        this.numChan = numChan;
        this.numPol = numPol;
        this.channelsPerBlock = channelsPerBlock;
        this.groups = new GroupSums(GROUP_WIDTH * numPol * ((numChan + channelsPerBlock - 1) / channelsPerBlock));
    }

    /**
     * Adds one row: DATA at {@code data[dataOff ..)}, MODEL at {@code model[modelOff ..)} ({@code 2 numChan numPol}
     * floats each), flags at {@code flags[flagOff ..)} or null. Autocorrelations are ignored.
     */
    public void add(int ant1, int ant2, float[] data, int dataOff, float[] model, int modelOff, boolean[] flags,
            int flagOff) {
        if (ant1 == ant2) {
            return;
        }
        int values = numChan * numPol;
        if (dataOff + 2 * values > data.length || modelOff + 2 * values > model.length
                || (flags != null && flagOff + values > flags.length)) {
            throw new IllegalArgumentException("row of baseline " + ant1 + "-" + ant2 + " does not hold " + numChan
                    + " channels x " + numPol + " polarizations");
        }
        long bl = Baselines.key(ant1, ant2);
        double[] perBaseline = baselines.of(bl);
        double[] g = groups.of(bl);
        if (modelRe == null) {
            modelRe = new float[values];
            modelIm = new float[values];
            modelAbs = new double[values];
            overModelAbs = new double[values];
            Arrays.fill(modelRe, Float.NaN);
        }
        double sumAbsD = 0;
        double sumAbsM = 0;
        double phasorRe = 0;
        double phasorIm = 0;
        long phasors = 0;
        long flagged = 0;
        for (int c0 = 0, s0 = 0; c0 < numChan; c0 += channelsPerBlock, s0 += GROUP_WIDTH * numPol) {
            int c1 = Math.min(numChan, c0 + channelsPerBlock);
            for (int p = 0; p < numPol; p++) {
                double dRe = 0;
                double dIm = 0;
                double mRe = 0;
                double mIm = 0;
                double zRe = 0;
                double zIm = 0;
                double d2 = 0;
                int n = 0;
                int nz = 0;
                for (int c = c0; c < c1; c++) {
                    int k = c * numPol + p;
                    if (flags != null && flags[flagOff + k]) {
                        flagged++;
                        continue;
                    }
                    double dr = data[dataOff + 2 * k];
                    double di = data[dataOff + 2 * k + 1];
                    float mrf = model[modelOff + 2 * k];
                    float mif = model[modelOff + 2 * k + 1];
                    if (mrf != modelRe[k] || mif != modelIm[k]) {
                        double m = Math.sqrt((double) mrf * mrf + (double) mif * mif);
                        modelRe[k] = mrf;
                        modelIm[k] = mif;
                        modelAbs[k] = m;
                        overModelAbs[k] = m > 0 ? 1 / m : 0;
                    }
                    double mr = mrf;
                    double mi = mif;
                    double mAbs = modelAbs[k];
                    double dAbs2 = dr * dr + di * di;
                    double dAbs = Math.sqrt(dAbs2);
                    dRe += dr;
                    dIm += di;
                    mRe += mr;
                    mIm += mi;
                    d2 += dAbs2;
                    n++;
                    if (mAbs > 0) {
                        double overM = overModelAbs[k];
                        phasorRe += mr * overM;
                        phasorIm += mi * overM;
                        phasors++;
                        if (dAbs > 0) {
                            // z = D conj(M), |z| = |D| |M|
                            double overZ = overM / dAbs;
                            zRe += (dr * mr + di * mi) * overZ;
                            zIm += (di * mr - dr * mi) * overZ;
                            nz++;
                        }
                    }
                    sumAbsD += dAbs;
                    sumAbsM += mAbs;
                }
                int s = s0 + GROUP_WIDTH * p;
                g[s + D_RE] += dRe;
                g[s + D_IM] += dIm;
                g[s + M_RE] += mRe;
                g[s + M_IM] += mIm;
                g[s + Z_RE] += zRe;
                g[s + Z_IM] += zIm;
                g[s + Z_N] += nz;
                g[s + D2] += d2;
                g[s + N] += n;
            }
        }
        perBaseline[B_ALL] += values;
        perBaseline[B_FLAGGED] += flagged;
        perBaseline[B_ABS_D] += sumAbsD;
        sumAbsData += sumAbsD;
        sumAbsModel += sumAbsM;
        modelPhasorRe += phasorRe;
        modelPhasorIm += phasorIm;
        modelPhasors += phasors;
    }

    /** {@link #add} of packed lake cells (DATA, MODEL_DATA, FLAG; flags may be null). */
    public void addPacked(int ant1, int ant2, byte[] data, byte[] model, byte[] flags) {
        add(ant1, ant2, PackedCells.unpackFloats(data), 0, PackedCells.unpackFloats(model), 0,
                flags == null ? null : PackedCells.unpackFlags(flags, numChan * numPol), 0);
    }

    /** Adds the sums of {@code other} (same channels, polarizations and block size) to this one. */
    public void merge(FieldDiagnosticsAccumulator other) {
        if (other.numChan != numChan || other.numPol != numPol || other.channelsPerBlock != channelsPerBlock) {
            throw new IllegalArgumentException("cannot merge diagnostics of different shapes");
        }
        groups.merge(other.groups);
        baselines.merge(other.baselines);
        sumAbsData += other.sumAbsData;
        sumAbsModel += other.sumAbsModel;
        modelPhasorRe += other.modelPhasorRe;
        modelPhasorIm += other.modelPhasorIm;
        modelPhasors += other.modelPhasors;
    }

    /** The statistics of everything added. */
    public FieldDiagnostics result() {
        double vecD = 0;
        double vecM = 0;
        double zLength = 0;
        double zCount = 0;
        Map<Long, List<Double>> groupSnrOfBaseline = new TreeMap<>();
        for (Map.Entry<Long, double[]> e : groups.all().entrySet()) {
            double[] g = e.getValue();
            for (int s = 0; s < g.length; s += GROUP_WIDTH) {
                vecD += Math.sqrt(g[s + D_RE] * g[s + D_RE] + g[s + D_IM] * g[s + D_IM]);
                vecM += Math.sqrt(g[s + M_RE] * g[s + M_RE] + g[s + M_IM] * g[s + M_IM]);
                zLength += Math.sqrt(g[s + Z_RE] * g[s + Z_RE] + g[s + Z_IM] * g[s + Z_IM]);
                zCount += g[s + Z_N];
                if (g[s + N] >= 2) {
                    groupSnrOfBaseline.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(snr(g, s));
                }
            }
        }
        Map<Integer, List<Double>> snrOfAntenna = new TreeMap<>();
        Map<Integer, double[]> countsOfAntenna = new TreeMap<>();
        List<Double> baselineSnrs = new ArrayList<>();
        double all = 0;
        double flagged = 0;
        for (Map.Entry<Long, double[]> e : baselines.all().entrySet()) {
            long bl = e.getKey();
            double[] b = e.getValue();
            all += b[B_ALL];
            flagged += b[B_FLAGGED];
            List<Double> gs = groupSnrOfBaseline.get(bl);
            double blSnr = gs == null ? Double.NaN : median(gs);
            if (!Double.isNaN(blSnr)) {
                baselineSnrs.add(blSnr);
            }
            for (int ant : new int[] {Baselines.ant1(bl), Baselines.ant2(bl)}) {
                double[] c = countsOfAntenna.computeIfAbsent(ant, k -> new double[3]);
                c[0] += b[B_ALL];
                c[1] += b[B_FLAGGED];
                c[2] += b[B_ABS_D];
                if (!Double.isNaN(blSnr)) {
                    snrOfAntenna.computeIfAbsent(ant, k -> new ArrayList<>()).add(blSnr);
                }
            }
        }
        List<AntennaDiagnostics> antennas = new ArrayList<>();
        for (Map.Entry<Integer, double[]> e : countsOfAntenna.entrySet()) {
            double[] c = e.getValue();
            List<Double> s = snrOfAntenna.get(e.getKey());
            double unflagged = c[0] - c[1];
            antennas.add(new AntennaDiagnostics(e.getKey(), s == null ? Double.NaN : median(s),
                    c[0] == 0 ? Double.NaN : c[1] / c[0], unflagged == 0 ? Double.NaN : c[2] / unflagged));
        }
        return new FieldDiagnostics(
                vecM == 0 ? Double.NaN : vecD / vecM,
                sumAbsModel == 0 ? Double.NaN : sumAbsData / sumAbsModel,
                CircularStatistics.circularStd_deg(modelPhasors == 0 ? Double.NaN
                        : Math.hypot(modelPhasorRe, modelPhasorIm) / modelPhasors),
                CircularStatistics.circularStd_deg(zCount == 0 ? Double.NaN : zLength / zCount),
                all == 0 ? Double.NaN : flagged / all,
                baselineSnrs.isEmpty() ? Double.NaN : median(baselineSnrs),
                List.copyOf(antennas));
    }

    private static double snr(double[] g, int s) {
        double n = g[s + N];
        double mr = g[s + D_RE] / n;
        double mi = g[s + D_IM] / n;
        double mean2 = mr * mr + mi * mi;
        double var = Math.max(0, (g[s + D2] - n * mean2) / (n - 1));
        return var == 0 ? (mean2 == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.sqrt(mean2 / (var / n));
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
