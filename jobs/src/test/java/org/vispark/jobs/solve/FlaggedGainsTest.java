package org.vispark.jobs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.flag.InjectedRfi;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * RFI spoils a gain solve and flagging repairs it: on a make_ms.py calibrator MS (the source at the phase centre,
 * MODEL_DATA true, no delays or ripple) with RFI injected ({@link InjectedRfi}), G ap per integration solved before
 * flagging has solutions more than 3 sigma from make_ms.py's gains; after {@code vispark flag} every unflagged
 * solution lies within 3 sigma of the thermal limit of the values left unflagged (the limit of
 * {@link SolveCommandTest}, with each baseline's unflagged channels in place of all).
 */
class FlaggedGainsTest {
    private static final double FLUX_JY = 2.5;

    @AfterAll
    static void stop() {
        TestData.spark("FlaggedGainsTest").stop();
    }

    @Test
    void gainsAreWithinThreeSigmaOnlyAfterFlagging(@TempDir Path tmp) throws Exception {
        Path ms = tmp.resolve("in/cal.ms");
        InjectedRfi.make(ms, "--nant", "12", "--nchan", "128", "--ntime", "24", "--seed", "3", "--centre",
                "128.7287,55.5725", "--source", "128.7287,55.5725," + FLUX_JY, "--model", "true", "--delay", "0",
                "--ripple", "0");
        SolveCommandTest.Truth truth = SolveCommandTest.Truth.read(Path.of(ms + ".truth.json"));
        String lake = tmp.resolve("lake").toString();
        assertEquals(0, Cli.run("convert", "--lake", lake, ms.toString()).status());
        solve(lake, "before");
        double before = worst(lake, "before", truth);
        Result f = Cli.run("flag", "--lake", lake);
        assertEquals(0, f.status(), f.out() + f.err());
        solve(lake, "after");
        double after = worst(lake, "after", truth);
        System.out.printf("FlaggedGainsTest: worst G ap error %.1f sigma before flagging, %.2f sigma after%n", before,
                after);
        assertTrue(before > 3, "RFI should spoil the solve: worst " + before + " sigma");
        assertTrue(after <= 3, "worst after flagging " + after + " sigma");
    }

    private static void solve(String lake, String table) {
        Result r = Cli.run("solve", "--lake", lake, "--table", table, "--gaintype", "G", "--calmode", "ap", "--solint",
                "int", "--refant", "0");
        assertEquals(0, r.status(), r.out() + r.err());
    }

    /** The largest error of the table's unflagged solutions in units of their thermal sigma. */
    private static double worst(String lake, String table, SolveCommandTest.Truth truth) throws Exception {
        SparkSession spark = TestData.spark("FlaggedGainsTest"); // the commands stop the shared session
        LakeViews.register(spark, Lake.open(lake, spark.sparkContext().hadoopConfiguration()));
        Map<String, Long> unflagged = new HashMap<>(); // "t a1 a2 pol" -> unflagged channels
        for (Row r : spark.sql("SELECT time, antenna1, antenna2, num_chan, num_pol,"
                + " vis_flags(flag, num_chan, num_pol) FROM visibilities WHERE antenna1 != antenna2").collectAsList()) {
            List<Boolean> flags = r.getList(5);
            int t = truth.timeIndex(r.getDouble(0));
            for (int k = 0; k < flags.size(); k++) {
                if (!flags.get(k)) {
                    unflagged.merge(t + " " + r.getInt(1) + " " + r.getInt(2) + " " + (k % r.getInt(4)), 1L, Long::sum);
                }
            }
        }
        List<Row> gains = spark.sql("SELECT time, antenna, pol, gain_re, gain_im, flagged FROM gains"
                + " WHERE table_name = '" + table + "'").collectAsList();
        double sigma = truth.noise();
        double worst = 0;
        int kept = 0;
        for (Row g : gains) {
            if (g.getBoolean(5)) {
                continue;
            }
            kept++;
            int t = truth.timeIndex(g.getDouble(0));
            int a = g.getInt(1);
            int pol = g.getInt(2);
            double[] d = new double[truth.nant()];
            for (int k = 0; k < truth.nant(); k++) {
                for (int j = 0; j < truth.nant(); j++) {
                    if (j != k) {
                        String baseline = t + " " + Math.min(j, k) + " " + Math.max(j, k) + " " + pol;
                        long n = unflagged.getOrDefault(baseline, 0L);
                        d[k] += n * FLUX_JY * FLUX_JY * truth.abs2(t, j, pol);
                    }
                }
            }
            double var = a == 0 ? sigma * sigma / (2 * d[0])
                    : sigma * sigma / d[a] + truth.abs2(t, a, pol) * sigma * sigma / (2 * truth.abs2(t, 0, pol) * d[0]);
            double err = Math.hypot(g.getDouble(3) - truth.re(t, a, pol), g.getDouble(4) - truth.im(t, a, pol));
            worst = Math.max(worst, err / Math.sqrt(var));
        }
        assertTrue(kept >= 0.9 * gains.size(), table + ": " + kept + " of " + gains.size() + " solutions unflagged");
        return worst;
    }
}
