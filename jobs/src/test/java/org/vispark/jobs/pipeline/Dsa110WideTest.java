package org.vispark.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.ms.MeasurementSet;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.diagnostics.DataPeakSearch;
import org.vispark.udfs.diagnostics.FringeMapAccumulator;
import org.vispark.udfs.diagnostics.SkyGrid;
import org.vispark.udfs.sky.CalibratorCatalogue;
import org.vispark.udfs.solve.CalMode;
import org.vispark.udfs.solve.GainType;
import org.vispark.udfs.solve.ReferenceAntenna;
import org.vispark.udfs.solve.Solution;
import org.vispark.udfs.solve.SolveGroupBuilder;
import org.vispark.udfs.solve.SolveOptions;
import org.vispark.udfs.solve.Solver;

/**
 * Issue 14: on an MS as wide as the DSA-110's (110 antennas, 768 channels of 244 kHz; make_ms.py, 3 integrations so
 * CI stays quick) the fast paths of {@code vispark diagnose} and {@code vispark solve} give what a straightforward
 * implementation, written here from the definitions, gives on the same MS read row by row:
 * <ul>
 *   <li>K, G p per integration (K pre-applied) and B (K and G pre-applied, solnorm), the pipeline's chain: every
 *       solution within 1e-6 relative, the same flags. The reference accumulates every channel of every row into
 *       per-channel sums and corrects each value by {@code exp}/division of the earlier gains, with no caching;</li>
 *   <li>the DATA-versus-MODEL statistics (amplitude ratios, phase scatters, flags, median SNR) within 1e-9, summed
 *       per (baseline, polarization, 4-channel block) group in maps;</li>
 *   <li>the data peak within 0.05 arcmin of the single-level search of earlier versions: a coarse map of every
 *       baseline on 25 x 25 pixels of radius / 12, then a fine map of 19 x 19 pixels of radius / 72.</li>
 * </ul>
 */
class Dsa110WideTest {
    private static final String CATALOGUE = "../conf/calibrators.csv";
    private static final int BLOCK = 4;
    private static final int PEAK_CHANNELS = 48;
    private static final double SEARCH_RADIUS_RAD = Math.toRadians(2);

    @TempDir
    static Path tmp;
    private static Path lake;
    private static Rows ms;

    /** The main-table columns of the MS, row by row. */
    private record Rows(int numAnt, double[] freq_hz, int numPol, int[] ant1, int[] ant2, double[] time, double[] uvw,
            float[] data, float[] model, boolean[] flags, float[] weight, RaDec phaseCentre) {
        int rows() {
            return ant1.length;
        }

        int values() {
            return freq_hz.length * numPol;
        }
    }

    @BeforeAll
    static void convertAndRun() throws Exception {
        Path in = TestData.makeMs(tmp.resolve("in/transit.ms"), "--nant", "110", "--nchan", "768", "--df",
                "244140.625", "--ntime", "3", "--seed", "11", "--centre", "128.7287,55.5725", "--source",
                "128.7287,55.5725,2.5", "--model", "true");
        try (MeasurementSet m = MeasurementSet.open(in)) {
            Table t = m.main();
            int rows = Math.toIntExact(t.rowCount());
            int[] shape = t.column("DATA").shape(0);
            ms = new Rows(m.antennas().size(), m.spectralWindows().get(0).chanFreq_hz(), shape[0],
                    (int[]) t.column("ANTENNA1").read(0, rows), (int[]) t.column("ANTENNA2").read(0, rows),
                    (double[]) t.column("TIME").read(0, rows), (double[]) t.column("UVW").read(0, rows),
                    (float[]) t.column("DATA").read(0, rows), (float[]) t.column("MODEL_DATA").read(0, rows),
                    (boolean[]) t.column("FLAG").read(0, rows), (float[]) t.column("WEIGHT").read(0, rows),
                    RaDec.j2000(m.fields().get(0).phaseDir().lon_rad(), m.fields().get(0).phaseDir().lat_rad()));
        }
        lake = tmp.resolve("lake");
        run("convert", "--lake", lake.toString(), in.toString());
        run("diagnose", "--lake", lake.toString(), "--calibrator", "0834+555", "--catalogue", CATALOGUE);
        run("solve", "--lake", lake.toString(), "--table", "K", "--gaintype", "K", "--solint", "inf");
        run("solve", "--lake", lake.toString(), "--table", "G", "--gaintype", "G", "--calmode", "p", "--solint", "int",
                "--pre", "K");
        run("solve", "--lake", lake.toString(), "--table", "B", "--gaintype", "B", "--solint", "inf", "--solnorm",
                "--pre", "K,G");
    }

    @AfterAll
    static void stop() {
        TestData.spark("Dsa110WideTest").stop();
    }

    private static void run(String... args) {
        Result r = Cli.run(args);
        assertEquals(0, r.status(), String.join(" ", args) + "\n" + r.out() + r.err());
    }

    private static SparkSession spark() throws Exception {
        SparkSession spark = TestData.spark("Dsa110WideTest");
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        return spark;
    }

    @Test
    void gainsEqualTheStraightforwardSolve() throws Exception {
        List<Solution> k = reference(GainType.K, CalMode.AP, false, false, List.of());
        List<Solution> g = reference(GainType.G, CalMode.P, true, false, List.of(k));
        List<Solution> b = reference(GainType.B, CalMode.AP, false, true, List.of(k, g));
        compare("K", k);
        compare("G", g);
        compare("B", b);
    }

    /** Every solution of the lake's table equals the reference's: 1e-6 relative, same flags, same count. */
    private static void compare(String table, List<Solution> expected) throws Exception {
        Map<String, Solution> byKey = new HashMap<>();
        for (Solution s : expected) {
            byKey.put(key(s.antenna(), s.pol(), s.channel(), s.time_mjdSec()), s);
        }
        List<Row> rows = spark().sql("SELECT antenna, pol, channel, time, gain_re, gain_im, delay_ns, flagged FROM gains"
                + " WHERE table_name = '" + table + "'").collectAsList();
        assertEquals(expected.size(), rows.size(), table + " solutions");
        long unflagged = 0;
        double worst = 0;
        for (Row r : rows) {
            Solution s = byKey.get(key(r.getInt(0), r.getInt(1), r.getInt(2), r.getDouble(3)));
            assertTrue(s != null, table + ": no reference solution for " + r);
            assertEquals(s.flagged(), r.getBoolean(7), table + ": flag of " + r + " against " + s);
            if (s.flagged()) {
                continue;
            }
            unflagged++;
            double scale = Math.max(Math.hypot(s.gain_re(), s.gain_im()), Math.abs(s.delay_ns()));
            double diff = Math.max(Math.hypot(r.getDouble(4) - s.gain_re(), r.getDouble(5) - s.gain_im()),
                    Math.abs(r.getDouble(6) - s.delay_ns()));
            worst = Math.max(worst, diff / scale);
        }
        System.out.printf("%s: %d solutions, %d unflagged, largest relative difference %.2e%n", table, rows.size(),
                unflagged, worst);
        assertTrue(unflagged > 0.9 * rows.size(), table + ": most solutions unflagged");
        assertTrue(worst < 1e-6, table + ": largest relative difference " + worst);
    }

    private static String key(int antenna, int pol, int channel, double time) {
        return antenna + "/" + pol + "/" + channel + "/" + Math.round(time * 1000);
    }

    /**
     * Solves the whole MS (solint inf) or each integration (solint int) from per-channel sums of every row, each value
     * corrected by the earlier tables first (gain products evaluated per value from the solutions).
     */
    private static List<Solution> reference(GainType type, CalMode mode, boolean perIntegration, boolean solnorm,
            List<List<Solution>> pre) {
        SolveOptions options = SolveOptions.defaults(type).withCalMode(mode).withSolnorm(solnorm)
                .withRefant(ReferenceAntenna.auto());
        Map<Double, SolveGroupBuilder> groups = new TreeMap<>();
        int values = ms.values();
        float[] data = new float[2 * values];
        float[] model = new float[2 * values];
        boolean[] flags = new boolean[values];
        float[] weight = new float[ms.numPol()];
        for (int r = 0; r < ms.rows(); r++) {
            System.arraycopy(ms.data(), 2 * values * r, data, 0, 2 * values);
            System.arraycopy(ms.model(), 2 * values * r, model, 0, 2 * values);
            System.arraycopy(ms.flags(), values * r, flags, 0, values);
            System.arraycopy(ms.weight(), ms.numPol() * r, weight, 0, ms.numPol());
            for (List<Solution> table : pre) {
                correct(table, r, data, flags);
            }
            double key = perIntegration ? ms.time()[r] : 0;
            groups.computeIfAbsent(key, t -> new SolveGroupBuilder(0, ms.numAnt(), ms.freq_hz(), ms.numPol(), null))
                    .addRow(ms.ant1()[r], ms.ant2()[r], ms.time()[r], data, model, flags, weight);
        }
        List<Solution> out = new ArrayList<>();
        groups.values().forEach(b -> out.addAll(Solver.solve(b.build(), options)));
        return out;
    }

    /**
     * {@code V / (g_1 conj(g_2))} per value with the table's solution for the row's time (the only one, or the one at
     * that time); K: {@code g = exp(2 pi i tau (nu - nu_0))}; a flagged solution flags the value.
     */
    private static void correct(List<Solution> table, int r, float[] data, boolean[] flags) {
        double[] freq = ms.freq_hz();
        for (int c = 0; c < freq.length; c++) {
            for (int p = 0; p < ms.numPol(); p++) {
                Solution s1 = solution(table, ms.ant1()[r], p, c, ms.time()[r]);
                Solution s2 = solution(table, ms.ant2()[r], p, c, ms.time()[r]);
                int k = c * ms.numPol() + p;
                if (s1 == null || s2 == null || s1.flagged() || s2.flagged()) {
                    flags[k] = true;
                    continue;
                }
                double[] g1 = gain(s1, freq[c] - freq[0]);
                double[] g2 = gain(s2, freq[c] - freq[0]);
                double gr = g1[0] * g2[0] + g1[1] * g2[1];
                double gi = g1[1] * g2[0] - g1[0] * g2[1];
                double gg = gr * gr + gi * gi;
                double vr = data[2 * k];
                double vi = data[2 * k + 1];
                data[2 * k] = (float) ((vr * gr + vi * gi) / gg);
                data[2 * k + 1] = (float) ((vi * gr - vr * gi) / gg);
            }
        }
    }

    private static Solution solution(List<Solution> table, int antenna, int pol, int chan, double time) {
        Solution best = null;
        for (Solution s : table) {
            if (s.antenna() == antenna && s.pol() == pol && (s.channel() == -1 || s.channel() == chan)
                    && (best == null || Math.abs(s.time_mjdSec() - time) < Math.abs(best.time_mjdSec() - time))) {
                best = s;
            }
        }
        return best;
    }

    private static double[] gain(Solution s, double offset_hz) {
        if (s.delay_ns() != 0) {
            double phase = 2 * Math.PI * s.delay_ns() * 1e-9 * offset_hz;
            return new double[] {Math.cos(phase), Math.sin(phase)};
        }
        return new double[] {s.gain_re(), s.gain_im()};
    }

    @Test
    void diagnosticsEqualTheStraightforwardDefinitions() throws Exception {
        Row d = spark().sql("SELECT amp_ratio, amp_ratio_scalar, model_phase_scatter_deg, phase_diff_scatter_deg,"
                + " flagged_fraction, median_snr, data_peak_ra_deg, data_peak_dec_deg, verdict FROM diagnostics")
                .collectAsList().get(0);
        double[] expected = statistics();
        String[] names = {"amp_ratio", "amp_ratio_scalar", "model_phase_scatter_deg", "phase_diff_scatter_deg",
            "flagged_fraction", "median_snr"};
        for (int i = 0; i < names.length; i++) {
            System.out.printf("%s: %.12g (reference %.12g)%n", names[i], d.getDouble(i), expected[i]);
            assertEquals(expected[i], d.getDouble(i), 1e-9 * Math.max(1, Math.abs(expected[i])), names[i]);
        }
        RaDec calibrator = CalibratorCatalogue.read(Path.of(CATALOGUE)).position("0834+555");
        DataPeakSearch.DataPeak peak = referencePeak(calibrator);
        double apart_arcmin = Math.toDegrees(Spherical.separation_rad(peak.ra_rad(), peak.dec_rad(),
                Math.toRadians(d.getDouble(6)), Math.toRadians(d.getDouble(7)))) * 60;
        System.out.printf("data peak %.3f arcmin from the calibrator, %.4f arcmin from the reference search's%n",
                peak.offset_arcmin(), apart_arcmin);
        assertTrue(apart_arcmin < 0.05, "data peak " + apart_arcmin + " arcmin from the reference search's");
        assertEquals("PASS", d.getString(8));
    }

    /**
     * The statistics of FieldDiagnosticsAccumulator's definitions, every group a map entry: {ampRatio,
     * ampRatioScalar, modelPhaseScatter_deg, phaseDiffScatter_deg, flaggedFraction, medianSnr}.
     */
    private static double[] statistics() {
        Map<String, double[]> groups = new HashMap<>(); // sum D re, im; sum M re, im; sum z re, im; n_z; sum |D|^2; n
        double absD = 0;
        double absM = 0;
        double mRe = 0;
        double mIm = 0;
        long mN = 0;
        long all = 0;
        long flagged = 0;
        int values = ms.values();
        for (int r = 0; r < ms.rows(); r++) {
            if (ms.ant1()[r] == ms.ant2()[r]) {
                continue;
            }
            for (int k = 0; k < values; k++) {
                all++;
                if (ms.flags()[values * r + k]) {
                    flagged++;
                    continue;
                }
                int c = k / ms.numPol();
                double[] g = groups.computeIfAbsent(ms.ant1()[r] + "-" + ms.ant2()[r] + "/" + k % ms.numPol() + "/"
                        + c / BLOCK, x -> new double[9]);
                double dr = ms.data()[2 * (values * r + k)];
                double di = ms.data()[2 * (values * r + k) + 1];
                double mr = ms.model()[2 * (values * r + k)];
                double mi = ms.model()[2 * (values * r + k) + 1];
                g[0] += dr;
                g[1] += di;
                g[2] += mr;
                g[3] += mi;
                double zr = dr * mr + di * mi;
                double zi = di * mr - dr * mi;
                if (Math.hypot(zr, zi) > 0) {
                    g[4] += zr / Math.hypot(zr, zi);
                    g[5] += zi / Math.hypot(zr, zi);
                    g[6]++;
                }
                g[7] += dr * dr + di * di;
                g[8]++;
                absD += Math.hypot(dr, di);
                absM += Math.hypot(mr, mi);
                if (Math.hypot(mr, mi) > 0) {
                    mRe += mr / Math.hypot(mr, mi);
                    mIm += mi / Math.hypot(mr, mi);
                    mN++;
                }
            }
        }
        double vecD = 0;
        double vecM = 0;
        double zLength = 0;
        double zCount = 0;
        Map<String, List<Double>> snrsOfBaseline = new HashMap<>();
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            double[] g = e.getValue();
            vecD += Math.hypot(g[0], g[1]);
            vecM += Math.hypot(g[2], g[3]);
            zLength += Math.hypot(g[4], g[5]);
            zCount += g[6];
            if (g[8] >= 2) {
                double n = g[8];
                double mean2 = (g[0] * g[0] + g[1] * g[1]) / (n * n);
                double var = Math.max(0, (g[7] - n * mean2) / (n - 1));
                snrsOfBaseline.computeIfAbsent(e.getKey().substring(0, e.getKey().indexOf('/')), x -> new ArrayList<>())
                        .add(var == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(mean2 / (var / n)));
            }
        }
        List<Double> baselineSnrs = new ArrayList<>();
        snrsOfBaseline.values().forEach(s -> baselineSnrs.add(median(s)));
        return new double[] {vecD / vecM, absD / absM, Math.toDegrees(Math.sqrt(-2 * Math.log(Math.hypot(mRe, mIm) / mN))),
            Math.toDegrees(Math.sqrt(-2 * Math.log(zLength / zCount))), flagged / (double) all, median(baselineSnrs)};
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * The single-level search: DATA binned into 48 channel bins (turned to the calibrator, averaged, turned back at
     * the bin's mean frequency), a coarse map of every baseline, then a 19 x 19 fine map of radius / 72 pixels.
     */
    private static DataPeakSearch.DataPeak referencePeak(RaDec calibrator) {
        int bins = PEAK_CHANNELS;
        int width = ms.freq_hz().length / bins;
        double[] binFreq = new double[bins];
        for (int b = 0; b < bins; b++) {
            binFreq[b] = Arrays.stream(ms.freq_hz(), b * width, (b + 1) * width).average().orElseThrow();
        }
        double[] lmn = new double[3];
        Spherical.lmn(calibrator.ra_rad(), calibrator.dec_rad(), ms.phaseCentre().ra_rad(), ms.phaseCentre().dec_rad(),
                lmn, 0);
        int numPol = ms.numPol();
        float[][] binned = new float[ms.rows()][2 * bins * numPol];
        boolean[][] binFlags = new boolean[ms.rows()][bins * numPol];
        for (int r = 0; r < ms.rows(); r++) {
            double path = ms.uvw()[3 * r] * lmn[0] + ms.uvw()[3 * r + 1] * lmn[1] + ms.uvw()[3 * r + 2] * lmn[2];
            for (int b = 0; b < bins; b++) {
                for (int p = 0; p < numPol; p++) {
                    double re = 0;
                    double im = 0;
                    int n = 0;
                    for (int c = b * width; c < (b + 1) * width; c++) {
                        int k = ms.values() * r + c * numPol + p;
                        if (!ms.flags()[k]) {
                            double phase = -2 * Math.PI * path * ms.freq_hz()[c] / 299_792_458.0;
                            re += ms.data()[2 * k] * Math.cos(phase) - ms.data()[2 * k + 1] * Math.sin(phase);
                            im += ms.data()[2 * k] * Math.sin(phase) + ms.data()[2 * k + 1] * Math.cos(phase);
                            n++;
                        }
                    }
                    double back = 2 * Math.PI * path * binFreq[b] / 299_792_458.0;
                    int o = b * numPol + p;
                    binFlags[r][o] = n == 0;
                    binned[r][2 * o] = n == 0 ? 0 : (float) ((re * Math.cos(back) - im * Math.sin(back)) / n);
                    binned[r][2 * o + 1] = n == 0 ? 0 : (float) ((re * Math.sin(back) + im * Math.cos(back)) / n);
                }
            }
        }
        SkyGrid coarse = DataPeakSearch.coarseGrid(calibrator, SEARCH_RADIUS_RAD);
        DataPeakSearch.DataPeak c = DataPeakSearch.peak(coarse, map(coarse, binFreq, binned, binFlags), calibrator);
        SkyGrid fine = new SkyGrid(RaDec.j2000(c.ra_rad(), c.dec_rad()), coarse.pixel_rad() / 6, 9);
        return DataPeakSearch.peak(fine, map(fine, binFreq, binned, binFlags), calibrator);
    }

    private static double[] map(SkyGrid grid, double[] binFreq, float[][] binned, boolean[][] binFlags) {
        FringeMapAccumulator all = new FringeMapAccumulator(grid, binFreq, ms.numPol(), BLOCK);
        RaDec centre = ms.phaseCentre();
        for (int r = 0; r < ms.rows(); r++) {
            all.add(ms.ant1()[r], ms.ant2()[r], ms.uvw(), 3 * r, centre.ra_rad(), centre.dec_rad(), binned[r], 0,
                    binFlags[r], 0);
        }
        return all.result();
    }
}
