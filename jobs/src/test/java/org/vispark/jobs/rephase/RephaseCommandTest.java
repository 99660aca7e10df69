package org.vispark.jobs.rephase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * {@code vispark rephase} against an independent reference: two MS written by make_ms.py with the same seed and
 * different phase centres (casacore computes each one's UVW). Rephasing the first to the second's centre must
 * reproduce the second's UVW and visibilities; rephasing back must return the original.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RephaseCommandTest {
    /** Phase centre of a.ms and b.ms, degrees (b is 0.9 deg from a, as a calibrator off the meridian is). */
    private static final String CENTRE_A = "128.571864,54.665223";
    private static final String CENTRE_B = "129.9,55.2";
    @TempDir
    static Path tmp;
    static Path lake;
    static Map<String, Row> original;


    @BeforeAll
    static void convert() throws Exception {
        for (String[] ms : new String[][] {{"a.ms", CENTRE_A}, {"b.ms", CENTRE_B}}) {
            TestData.makeMs(tmp.resolve("in").resolve(ms[0]), "--nant", "10", "--nchan", "32", "--ntime", "3",
                    "--seed", "7", "--centre", ms[1], "--model", "none", "--noise", "0.01");
        }
        lake = tmp.resolve("lake");
        Result r = Cli.run("convert", "--lake", lake.toString(), tmp.resolve("in").toString() + "/*.ms");
        assertEquals(0, r.status(), r.err());
        original = rows("a.ms");
    }

    @AfterAll
    static void stop() {
        TestData.spark("RephaseCommandTest").stop();
    }

    /** The current rows of one MS of the lake by (antenna1, antenna2, time): uvw, unpacked DATA, field centre. */
    static Map<String, Row> rows(String msName) throws Exception {
        // the commands stop the session they used, which is the shared one: take the current one each time
        SparkSession spark = TestData.spark("RephaseCommandTest");
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        Map<String, Row> out = new HashMap<>();
        for (Row r : spark.sql("SELECT v.antenna1, v.antenna2, v.time, v.uvw, vis_floats(v.data) AS d,"
                + " f.phase_dir_lon_rad, f.phase_dir_lat_rad FROM visibilities v JOIN ms ON v.ms_id = ms.ms_id"
                + " JOIN fields f ON f.ms_id = v.ms_id AND f.field_id = v.field_id"
                + " WHERE ms.uri LIKE '%/" + msName + "'").collectAsList()) {
            out.put(r.getInt(0) + "-" + r.getInt(1) + "@" + r.getDouble(2), r);
        }
        assertTrue(out.size() > 100, msName + " has " + out.size() + " rows");
        return out;
    }

    @Test
    @Order(1)
    void rephasingToTheOtherCentreReproducesItsUvwAndVisibilities() throws Exception {
        String[] b = CENTRE_B.split(",");
        Result r = Cli.run("rephase", "--lake", lake.toString(), "--where", "uri LIKE '%/a.ms'",
                "--to", "J2000 " + b[0] + "deg " + b[1] + "deg");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("a.ms") && !r.out().contains("b.ms"), r.out());
        assertTrue(r.out().matches("(?s).*field 0 .* (5[0-9]\\.\\d{3}) arcmin from the target.*"), r.out());
        assertTrue(r.out().contains("1 rephased"), r.out());

        Map<String, Row> a = rows("a.ms");
        Map<String, Row> ref = rows("b.ms");
        assertEquals(ref.keySet(), a.keySet());
        double maxUvw_m = 0;
        double sumSq = 0;
        long n = 0;
        for (Map.Entry<String, Row> e : a.entrySet()) {
            Row x = e.getValue();
            Row y = ref.get(e.getKey());
            List<Double> u = x.getList(3);
            List<Double> w = y.getList(3);
            for (int i = 0; i < 3; i++) {
                maxUvw_m = Math.max(maxUvw_m, Math.abs(u.get(i) - w.get(i)));
            }
            List<Float> d = x.getList(4);
            List<Float> dr = y.getList(4);
            for (int k = 0; k < d.size(); k += 2) {
                double dp = Math.atan2(d.get(k + 1), d.get(k)) - Math.atan2(dr.get(k + 1), dr.get(k));
                dp = Math.IEEEremainder(dp, 2 * Math.PI);
                sumSq += dp * dp;
                n++;
            }
            assertEquals(Math.toRadians(Double.parseDouble(CENTRE_B.split(",")[0])), x.getDouble(5), 1e-12);
            assertEquals(Math.toRadians(Double.parseDouble(CENTRE_B.split(",")[1])), x.getDouble(6), 1e-12);
        }
        assertTrue(maxUvw_m < 0.005, "UVW differs by up to " + maxUvw_m + " m");
        double rms_rad = Math.sqrt(sumSq / n);
        assertTrue(rms_rad < 0.05, "phase RMS difference " + rms_rad + " rad over " + n + " values");
    }

    @Test
    @Order(2)
    void aSecondRunFindsTheMsAtTheTargetAndLeavesIt() {
        String[] b = CENTRE_B.split(",");
        Result r = Cli.run("rephase", "--lake", lake.toString(), "--to", "J2000 " + b[0] + "deg " + b[1] + "deg");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("0.000 arcmin from the target"), r.out());
        assertTrue(r.out().contains("2 MS selected: 0 rephased, 2 already within"), r.out());
    }

    @Test
    @Order(3)
    void thereAndBackAgainReturnsTheOriginal() throws Exception {
        String[] a = CENTRE_A.split(",");
        Result r = Cli.run("rephase", "--lake", lake.toString(), "--where", "uri LIKE '%/a.ms'",
                "--to", "J2000 " + a[0] + "deg " + a[1] + "deg");
        assertEquals(0, r.status(), r.out() + r.err());
        Map<String, Row> back = rows("a.ms");
        assertEquals(original.keySet(), back.keySet());
        double maxRel = 0;
        double maxUvw_m = 0;
        for (Map.Entry<String, Row> e : back.entrySet()) {
            Row x = e.getValue();
            Row y = original.get(e.getKey());
            List<Double> u = x.getList(3);
            List<Double> w = y.getList(3);
            for (int i = 0; i < 3; i++) {
                maxUvw_m = Math.max(maxUvw_m, Math.abs(u.get(i) - w.get(i)));
            }
            List<Float> d = x.getList(4);
            List<Float> o = y.getList(4);
            for (int k = 0; k < d.size(); k += 2) {
                double amp = Math.hypot(o.get(k), o.get(k + 1));
                double diff = Math.hypot(d.get(k) - o.get(k), d.get(k + 1) - o.get(k + 1));
                maxRel = Math.max(maxRel, diff / amp);
            }
        }
        assertTrue(maxUvw_m < 1e-9, "UVW back differs by " + maxUvw_m + " m");
        assertTrue(maxRel < 5e-7, "visibilities back differ by " + maxRel + " (relative)");
    }

    @Test
    @Order(4)
    void badTargetsAreRefusedWithTheReason() {
        Result garbage = Cli.run("rephase", "--lake", lake.toString(), "--to", "J2000 nonsense +55d");
        assertEquals(2, garbage.status());
        assertTrue(garbage.err().contains("nonsense"), garbage.err());
        Result unknown = Cli.run("rephase", "--lake", lake.toString(), "--to-calibrator", "NoSuchSource",
                "--catalogue", Path.of("../conf/calibrators.csv").toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("NoSuchSource") && unknown.err().contains("0834+555"), unknown.err());
        Result where = Cli.run("rephase", "--lake", lake.toString(), "--to-calibrator", "0834+555",
                "--catalogue", Path.of("../conf/calibrators.csv").toString(), "--where", "no_such_column = 1");
        assertEquals(2, where.status());
        assertTrue(where.err().contains("no_such_column"), where.err());
    }
}
