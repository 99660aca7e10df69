package org.vispark.jobs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * {@code solve} of an MS without MODEL_DATA takes a 1 Jy point at the phase centre, as CASA's gaincal does, and
 * says so: its gains equal those solved after {@code predict} has written exactly that model, and the calibrator's
 * 2.5 Jy shows in them as |g|^2 = 2.5 |g_true|^2.
 */
class SolveWithoutModelTest {
    @AfterAll
    static void stop() {
        TestData.spark("SolveWithoutModelTest").stop();
    }

    @Test
    void withoutModelDataTheModelIsAUnitPointAtThePhaseCentre(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/cal.ms"), "--nant", "6", "--nchan", "16", "--ntime", "4", "--seed",
                "7", "--centre", "128.7287,55.5725", "--source", "128.7287,55.5725,2.5", "--model", "none", "--delay",
                "0", "--ripple", "0");
        Path lake = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lake.toString(), ms.toString()).status());
        Result r = Cli.run("solve", "--lake", lake.toString(), "--table", "nomodel", "--gaintype", "G", "--calmode",
                "ap", "--solint", "int", "--refant", "0");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("cal.ms: 60 of 60 rows have no MODEL_DATA; solved against a 1 Jy point source at"
                + " the phase centre"), r.out());
        Map<String, double[]> without = gains(lake, "nomodel");

        Path unit = tmp.resolve("unit.csv");
        Files.writeString(unit, "name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,spectral_index,reference\n"
                + "unit,,128.7287deg,55.5725deg,1.0,1400,0,1 Jy at the phase centre\n");
        assertEquals(0, Cli.run("predict", "--lake", lake.toString(), "--catalogue", unit.toString()).status());
        r = Cli.run("solve", "--lake", lake.toString(), "--table", "predicted", "--gaintype", "G", "--calmode", "ap",
                "--solint", "int", "--refant", "0");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(!r.out().contains("no MODEL_DATA"), r.out());
        Map<String, double[]> with = gains(lake, "predicted");

        assertEquals(4 * 6 * 2, without.size());
        assertEquals(with.keySet(), without.keySet());
        for (Map.Entry<String, double[]> e : without.entrySet()) {
            double[] a = e.getValue();
            double[] b = with.get(e.getKey());
            assertEquals(b[0], a[0], 1e-5, e.getKey() + " re");
            assertEquals(b[1], a[1], 1e-5, e.getKey() + " im");
        }
        Map<String, double[]> truth = truth(Path.of(ms + ".truth.json"));
        double meanRatio = without.entrySet().stream().mapToDouble(e -> (sq(e.getValue()) / sq(truth.get(e.getKey()))))
                .average().orElseThrow();
        assertEquals(2.5, meanRatio, 0.05, "mean |g|^2 / |g_true|^2: the 2.5 Jy source against a 1 Jy model");
    }

    private static double sq(double[] g) {
        return g[0] * g[0] + g[1] * g[1];
    }

    /** Gains of a table by "time-index/antenna/pol": (re, im). */
    private static Map<String, double[]> gains(Path lake, String table) throws Exception {
        SparkSession spark = TestData.spark("SolveWithoutModelTest");
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        List<Row> rows = spark.sql("SELECT dense_rank() OVER (ORDER BY time) - 1, antenna, pol, gain_re, gain_im,"
                + " flagged FROM gains WHERE table_name = '" + table + "'").collectAsList();
        Map<String, double[]> out = new TreeMap<>();
        for (Row g : rows) {
            assertTrue(!g.getBoolean(5), g.toString());
            out.put(g.getInt(0) + "/" + g.getInt(1) + "/" + g.getInt(2), new double[] {g.getDouble(3), g.getDouble(4)});
        }
        return out;
    }

    /** make_ms.py's gains by "time-index/antenna/pol" (first channel; no delay or ripple), from its .truth.json. */
    private static Map<String, double[]> truth(Path json) throws Exception {
        Map<String, double[]> out = new TreeMap<>();
        JsonNode t = new ObjectMapper().readTree(json.toFile());
        JsonNode re = t.get("gains_re");
        JsonNode im = t.get("gains_im");
        for (int time = 0; time < re.size(); time++) {
            for (int a = 0; a < re.get(time).size(); a++) {
                for (int p = 0; p < re.get(time).get(a).size(); p++) {
                    out.put(time + "/" + a + "/" + p, new double[] {re.get(time).get(a).get(p).get(0).asDouble(),
                        im.get(time).get(a).get(p).get(0).asDouble()});
                }
            }
        }
        return out;
    }
}
