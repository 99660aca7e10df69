package org.vispark.jobs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * Issue 16, {@code solve --combine spw}: {@code solve/four_corr_ms.py --nspw 2} writes 14 antennas, 4 integrations,
 * two spectral windows of 32 channels 100 MHz apart, an unpolarized 1 Jy point at the phase centre, gains per antenna,
 * feed and integration constant over the band, noise 0.5 Jy per complex value, independent per window. Convert,
 * predict, then solve G ap per integration (refant 0) per window and with combine spw, and apply the combined table.
 *
 * <p>Thermal limit of a gain as in {@link FourCorrelationTruthTest}, with {@code D_k = sum_{j != k} C S^2 |g_j|^2}
 * over the C channels solved together: 32 per window, 64 combined, so the combined sigma is 1/sqrt(2) of a window's.
 * Every gain must be within 3 of its sigma; the RMS of the combined gains' errors, in sigma of one window, must be
 * smaller than the per-window solves' and 1/sqrt(2) within 0.2. After apply, the mean of CORRECTED/MODEL of each
 * window, baseline and parallel hand is 1 within 4 sigma (noise of the window's values and both gains' errors). The
 * CASA table export-caltable writes holds the combined solutions under window 0 only, as CASA's gaincal does.
 */
class CombineSpwTruthTest {
    private static final int NSPW = 2;

    @AfterAll
    static void stop() {
        TestData.spark("CombineSpwTruthTest").stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"B", "K"})
    void combineSpwIsRefusedForKAndBNamingTheOption(String type, @TempDir Path tmp) {
        Result r = Cli.run("solve", "--lake", tmp.toString(), "--table", "X", "--gaintype", type, "--combine",
                "scan,spw");
        assertEquals(2, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("--combine spw is for gaintype G only, not " + type), r.err());
    }

    @Test
    void combinedWindowsSolveBelowOneWindowsNoiseAndCorrectEveryWindow(@TempDir Path tmp) throws Exception {
        Path ms = tmp.resolve("in/two_spw.ms");
        Files.createDirectories(ms.getParent());
        TestData.python(TestData.resource("solve/four_corr_ms.py").toString(), ms.toString(), "--nspw",
                Integer.toString(NSPW), "--noise", "0.5", "--seed", "3");
        FourCorrTruth truth = FourCorrTruth.read(Path.of(ms + ".truth.json"));
        assertEquals(NSPW, truth.nspw());
        Path lake = tmp.resolve("lake");
        Result r = Cli.run("convert", "--lake", lake.toString(), ms.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        Path cat = tmp.resolve("point.csv");
        Files.writeString(cat, String.format(Locale.ROOT, "name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,"
                + "spectral_index,reference%nPOINT,,%.8fdeg,%.8fdeg,%.3f,1400,0,four_corr_ms.py%n", truth.raDeg(),
                truth.decDeg(), truth.flux()));
        r = Cli.run("predict", "--lake", lake.toString(), "--catalogue", cat.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        for (String[] solve : new String[][] {{"Gw"}, {"Gc", "--combine", "spw"}}) {
            String[] args = {"solve", "--lake", lake.toString(), "--table", solve[0], "--gaintype", "G", "--calmode",
                "ap", "--solint", "int", "--refant", "0"};
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of(solve).subList(1, solve.length));
            r = Cli.run(all.toArray(String[]::new));
            assertEquals(0, r.status(), r.out() + r.err());
        }

        SparkSession spark = session(lake);
        double perWindow = rmsError(spark, truth, "Gw", false);
        double combined = rmsError(spark, truth, "Gc", true);
        System.out.printf(Locale.ROOT, "combine spw: RMS gain error in sigma of one window: per window %.3f,"
                + " combined %.3f (ratio %.3f, 1/sqrt(%d) = %.3f)%n", perWindow, combined, combined / perWindow, NSPW,
                1 / Math.sqrt(NSPW));
        assertTrue(combined < perWindow, "combined " + combined + " not below per window " + perWindow);
        assertEquals(1 / Math.sqrt(NSPW), combined / perWindow, 0.2, "combined / per-window RMS error");

        r = Cli.run("apply", "--lake", lake.toString(), "--tables", "Gc", "--interp", "nearest");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("solved with combine spw; spwmap (window: solutions of window) {0=0, 1=0}"),
                r.out());
        checkCorrectedOverModel(session(lake), truth);

        Path cal = tmp.resolve("Gc.cal");
        r = Cli.run("export-caltable", "--lake", lake.toString(), "--table", "Gc", "--output", cal.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("solved with combine spw; apply it in CASA with spwmap=[0, 0]"), r.out());
        String spws = TestData.python("-c", "import sys; from casacore import tables as pt;"
                + " t = pt.table(sys.argv[1], ack=False); print(t.nrows(), sorted(set(t.getcol('SPECTRAL_WINDOW_ID'))))",
                cal.toString());
        assertEquals(truth.ntime() * truth.nant() + " [0]", spws.strip(),
                "CASA table rows and their windows");
    }

    /**
     * Checks every solution of {@code table} against the thermal limit of the channels it was solved from; returns
     * the RMS of the errors in sigma of one window's solve.
     */
    private static double rmsError(SparkSession spark, FourCorrTruth truth, String table, boolean combined) {
        List<Row> gains = spark.sql("SELECT spw, time, antenna, pol, gain_re, gain_im, flagged, spw_combined FROM gains"
                + " WHERE table_name = '" + table + "'").collectAsList();
        int windows = combined ? 1 : NSPW;
        assertEquals(windows * truth.ntime() * truth.nant() * 2, gains.size(), table);
        double[][][] d1 = truth.hessianDiagonal(truth.nchan());
        double[][][] d = truth.hessianDiagonal(truth.nchan() * (combined ? NSPW : 1));
        double sum2 = 0;
        double worst = 0;
        for (Row g : gains) {
            assertEquals(combined, g.getBoolean(7), table + " spw_combined");
            if (combined) {
                assertEquals(0, g.getInt(0), "a combined solution is recorded under the lowest window");
            }
            int t = truth.timeIndex(g.getDouble(1));
            int a = g.getInt(2);
            int p = g.getInt(3);
            assertFalse(g.getBoolean(6), "flagged: " + g);
            double[] ref = truth.referenced(t, a, p);
            double err = Math.hypot(g.getDouble(4) - ref[0], g.getDouble(5) - ref[1]);
            double sigma = Math.sqrt(truth.variance(d, t, a, p));
            worst = Math.max(worst, err / sigma);
            assertTrue(err <= 3 * sigma, table + ": spw " + g.getInt(0) + " antenna " + a + " feed " + p
                    + " integration " + t + ": error " + err + " > 3 sigma = " + 3 * sigma);
            sum2 += err * err / truth.variance(d1, t, a, p);
        }
        System.out.printf(Locale.ROOT, "combine spw: table %s: %d gains, worst %.2f sigma of its thermal limit%n",
                table, gains.size(), worst);
        return Math.sqrt(sum2 / gains.size());
    }

    /** Per window, baseline and parallel hand, the mean of CORRECTED/MODEL over channels and integrations is 1. */
    private static void checkCorrectedOverModel(SparkSession spark, FourCorrTruth truth) {
        Map<String, double[]> sums = new HashMap<>(); // "spw:i-j/feed": re, im, values, variance of the mean * T^2
        double s2 = truth.noise() * truth.noise();
        double[][][] d = truth.hessianDiagonal(truth.nchan() * NSPW);
        for (Row v : spark.sql("SELECT spw, antenna1, antenna2, time, vis_floats(corrected_data),"
                + " vis_floats(model_data) FROM visibilities WHERE antenna1 != antenna2").collectAsList()) {
            int i = v.getInt(1);
            int j = v.getInt(2);
            int t = truth.timeIndex(v.getDouble(3));
            List<Float> c = v.getList(4);
            List<Float> m = v.getList(5);
            for (int k = 0; k < c.size() / 2; k++) {
                if (k % 4 == 1 || k % 4 == 2) { // cross hands: model 0
                    continue;
                }
                int p = k % 4 == 0 ? 0 : 1;
                double mr = m.get(2 * k);
                double mi = m.get(2 * k + 1);
                double m2 = mr * mr + mi * mi;
                double[] s = sums.computeIfAbsent(v.getInt(0) + ":" + i + "-" + j + "/" + p, x -> new double[4]);
                s[0] += (c.get(2 * k) * mr + c.get(2 * k + 1) * mi) / m2;
                s[1] += (c.get(2 * k + 1) * mr - c.get(2 * k) * mi) / m2;
                s[2]++;
                if (k / 4 == 0) { // once per row: the gain errors of its integration, and the noise per channel
                    double gi2 = truth.abs2(t, i, p);
                    double gj2 = truth.abs2(t, j, p);
                    s[3] += s2 / (d[t][i][p] * gi2) + s2 / (d[t][j][p] * gj2)
                            + s2 / (truth.flux() * truth.flux() * truth.nchan() * gi2 * gj2);
                }
            }
        }
        assertEquals(NSPW * truth.nant() * (truth.nant() - 1), sums.size());
        double worst = 0;
        double[] meanAmp = new double[NSPW];
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            double sigma = Math.sqrt(s[3]) / (s[2] / truth.nchan());
            double err = Math.hypot(s[0] / s[2] - 1, s[1] / s[2]);
            worst = Math.max(worst, err / sigma);
            meanAmp[Integer.parseInt(e.getKey().split(":")[0])] += Math.hypot(s[0], s[1]) / s[2] / sums.size() * NSPW;
            assertTrue(err < 4 * sigma, "spw:baseline/feed " + e.getKey() + ": mean CORRECTED/MODEL is "
                    + (s[0] / s[2]) + (s[1] >= 0 ? "+" : "") + (s[1] / s[2]) + "i, " + err / sigma + " sigma from 1");
        }
        System.out.printf(Locale.ROOT, "combine spw: after apply, mean |CORRECTED/MODEL| per window %s, worst %.2f"
                + " sigma from 1%n", Arrays.toString(meanAmp), worst);
        for (int w = 0; w < NSPW; w++) {
            assertEquals(1, meanAmp[w], 0.01, "mean |CORRECTED/MODEL| of window " + w);
        }
    }

    private static SparkSession session(Path lake) throws Exception {
        SparkSession spark = TestData.spark("CombineSpwTruthTest");
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        return spark;
    }
}
