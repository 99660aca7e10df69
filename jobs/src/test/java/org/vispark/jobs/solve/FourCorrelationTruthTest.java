package org.vispark.jobs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * Issue 16: four correlations (XX XY YX YY, and RR RL LR LL) against known gains. {@code solve/four_corr_ms.py}
 * writes an MS with python-casacore: 14 antennas, 32 channels, 4 integrations, an unpolarized 1 Jy point at the phase
 * centre, a gain per antenna, feed and integration, noise of sigma 0.5 Jy per complex value (seed 1 linear, 2
 * circular). Convert, predict (the point
 * from a catalogue), solve G ap per integration with refant 0, apply.
 *
 * <p>Thermal limit of a gain (feed p, integration t; noise sigma per complex value, model S over N channels, so
 * {@code P = N S^2} per baseline; {@code D_k = sum_{j != k} P |g_jp|^2}): the complex error variance is
 * {@code sigma^2 / D_k} plus the reference antenna's phase error carried over, {@code |g_k|^2 sigma^2 / (2 |g_0|^2
 * D_0)}; antenna 0 itself has {@code sigma^2 / (2 D_0)} (its phase is fixed to 0, as the solver does with
 * {@code conj(g_0) / |g_0|}). Every gain must be within 3 of these sigma of the truth referenced the same way.
 *
 * <p>After apply, the mean of CORRECTED/MODEL over channels and integrations of each baseline's parallel hands is 1
 * within 4 sigma, sigma^2 the sum of its noise ({@code sigma^2 / (S^2 N T^2) sum_t 1 / (|g_ip|^2 |g_jp|^2)}) and of
 * both gains' relative error variances ({@code sum_t (sigma^2 / (D_i |g_i|^2) + sigma^2 / (D_j |g_j|^2)) / T^2}, the
 * reference phase cancelling in {@code g_i conj(g_j)}); the mean of its modulus over all of them is 1 within 0.01.
 */
class FourCorrelationTruthTest {
    private static final int[][] FEEDS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    @AfterAll
    static void stop() {
        TestData.spark("FourCorrelationTruthTest").stop();
    }

    @ParameterizedTest
    @CsvSource({"linear, 1", "circular, 2"})
    void gainsPerFeedAtTheThermalLimitAndCorrectedOverModelIsOne(String feeds, String seed, @TempDir Path tmp)
            throws Exception {
        Path ms = tmp.resolve("in/" + feeds + ".ms");
        Files.createDirectories(ms.getParent());
        TestData.python(TestData.resource("solve/four_corr_ms.py").toString(), ms.toString(), "--feeds", feeds,
                "--noise", "0.5", "--seed", seed);
        FourCorrTruth truth = FourCorrTruth.read(Path.of(ms + ".truth.json"));
        Path lake = tmp.resolve("lake");
        Result r = Cli.run("convert", "--lake", lake.toString(), ms.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        Path cat = tmp.resolve("point.csv");
        Files.writeString(cat, String.format(Locale.ROOT, "name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,"
                + "spectral_index,reference%nPOINT,,%.8fdeg,%.8fdeg,%.3f,1400,0,four_corr_ms.py%n", truth.raDeg(),
                truth.decDeg(), truth.flux()));
        r = Cli.run("predict", "--lake", lake.toString(), "--catalogue", cat.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        r = Cli.run("solve", "--lake", lake.toString(), "--table", "G", "--gaintype", "G", "--calmode", "ap",
                "--solint", "int", "--refant", "0");
        assertEquals(0, r.status(), r.out() + r.err());

        SparkSession spark = session(lake);
        List<Row> gains = spark.sql("SELECT time, antenna, pol, gain_re, gain_im, flagged FROM gains"
                + " WHERE table_name = 'G'").collectAsList();
        assertEquals(truth.ntime() * truth.nant() * 2, gains.size());
        double[][][] d = truth.hessianDiagonal(truth.nchan());
        double s2 = truth.noise() * truth.noise();
        double worst = 0;
        for (Row g : gains) {
            int t = truth.timeIndex(g.getDouble(0));
            int a = g.getInt(1);
            int p = g.getInt(2);
            assertTrue(!g.getBoolean(5), "flagged: " + g);
            double var = a == 0 ? s2 / (2 * d[t][0][p])
                    : s2 / d[t][a][p] + truth.abs2(t, a, p) * s2 / (2 * truth.abs2(t, 0, p) * d[t][0][p]);
            double[] ref = truth.referenced(t, a, p);
            double err = Math.hypot(g.getDouble(3) - ref[0], g.getDouble(4) - ref[1]);
            worst = Math.max(worst, err / Math.sqrt(var));
            assertTrue(err <= 3 * Math.sqrt(var), feeds + ": antenna " + a + " feed " + p + " integration " + t
                    + ": error " + err + " > 3 sigma = " + 3 * Math.sqrt(var));
        }
        System.out.printf("%s 4-corr: %d gains, worst error %.2f sigma of the thermal limit%n", feeds, gains.size(),
                worst);

        r = Cli.run("apply", "--lake", lake.toString(), "--tables", "G", "--interp", "nearest");
        assertEquals(0, r.status(), r.out() + r.err());
        checkCorrectedOverModel(feeds, session(lake), truth, d);
    }

    /** Per baseline and parallel hand, the mean of CORRECTED/MODEL over channels and integrations is 1. */
    private static void checkCorrectedOverModel(String feeds, SparkSession spark, FourCorrTruth truth, double[][][] d) {
        Map<String, double[]> sums = new HashMap<>(); // "i-j/feed": re, im, values, variance of the mean * T^2
        double s2 = truth.noise() * truth.noise();
        for (Row v : spark.sql("SELECT antenna1, antenna2, time, vis_floats(corrected_data), vis_floats(model_data),"
                + " num_pol FROM visibilities WHERE antenna1 != antenna2").collectAsList()) {
            assertEquals(4, v.getInt(5));
            int i = v.getInt(0);
            int j = v.getInt(1);
            int t = truth.timeIndex(v.getDouble(2));
            List<Float> c = v.getList(3);
            List<Float> m = v.getList(4);
            for (int k = 0; k < c.size() / 2; k++) {
                int[] pq = FEEDS[k % 4];
                double mr = m.get(2 * k);
                double mi = m.get(2 * k + 1);
                if (pq[0] != pq[1]) {
                    assertEquals(0, Math.hypot(mr, mi), 0, "MODEL_DATA of a cross hand");
                    continue;
                }
                assertEquals(truth.flux(), mr, 1e-5, "MODEL_DATA of a parallel hand");
                assertEquals(0, mi, 1e-5, "MODEL_DATA of a parallel hand");
                int p = pq[0];
                double m2 = mr * mr + mi * mi;
                double[] s = sums.computeIfAbsent(i + "-" + j + "/" + p, x -> new double[4]);
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
        assertEquals(truth.nant() * (truth.nant() - 1), sums.size());
        double worst = 0;
        double meanAmp = 0;
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            double[] s = e.getValue();
            double integrations = s[2] / truth.nchan();
            double sigma = Math.sqrt(s[3]) / integrations;
            double err = Math.hypot(s[0] / s[2] - 1, s[1] / s[2]);
            worst = Math.max(worst, err / sigma);
            meanAmp += Math.hypot(s[0], s[1]) / s[2] / sums.size();
            assertTrue(err < 4 * sigma, feeds + " baseline/feed " + e.getKey() + ": mean CORRECTED/MODEL is "
                    + (s[0] / s[2]) + (s[1] >= 0 ? "+" : "") + (s[1] / s[2]) + "i, " + err / sigma + " sigma from 1");
        }
        System.out.printf("%s 4-corr: after apply, mean |CORRECTED/MODEL| over %d baseline-feeds %.4f, worst %.2f"
                + " sigma from 1%n", feeds, sums.size(), meanAmp, worst);
        assertEquals(1, meanAmp, 0.01, feeds + ": mean |CORRECTED/MODEL| over all baselines and parallel hands");
    }

    private static SparkSession session(Path lake) throws Exception {
        SparkSession spark = TestData.spark("FourCorrelationTruthTest");
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        return spark;
    }
}
