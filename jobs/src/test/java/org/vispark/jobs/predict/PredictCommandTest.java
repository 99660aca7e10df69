package org.vispark.jobs.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * {@code vispark predict} against casacore: make_ms.py {@code --model true} writes MODEL_DATA of its source with
 * python-casacore's UVW (truth.ms); predicting the same source into a twin MS written without a model (same seed:
 * same rows and UVW) must reproduce it. Four correlations (the VLA MS, RR RL LR LL) and one (the PAPER MS, XY only):
 * MODEL_DATA exported and read by python-casacore ({@code predict/point_model.py}) is the analytic visibility of the
 * point on the parallel hands and 0 on the cross hands; a copy of the PAPER MS relabelled XX gets the visibility.
 */
class PredictCommandTest {
    @TempDir
    static Path tmp;
    static Path lake;
    static Map<String, List<Float>> truth;

    @BeforeAll
    static void convert() throws Exception {
        for (String[] ms : new String[][] {{"truth.ms", "true"}, {"cal.ms", "none"}}) {
            TestData.makeMs(tmp.resolve("in").resolve(ms[0]), "--nant", "8", "--nchan", "32", "--ntime", "3",
                    "--seed", "5", "--model", ms[1], "--source", "128.7287,55.5725,2.5");
        }
        TestData.copyTree(TestData.shared().resolve("data/ms/day2_TDEM0003_10s_norx_1src_1spw.ms"),
                tmp.resolve("in/evla_4pol.ms"));
        TestData.copyTree(TestData.shared().resolve("data/ms/zen.2456865.60537.xy.uvcRREAAM.ms"),
                tmp.resolve("in/paper_1pol.ms"));
        TestData.copyTree(TestData.shared().resolve("data/ms/zen.2456865.60537.xy.uvcRREAAM.ms"),
                tmp.resolve("in/paper_xx_1pol.ms"));
        TestData.python("-c", "from casacore import tables as pt; t = pt.table('" + tmp.resolve("in/paper_xx_1pol.ms")
                + "/POLARIZATION', readonly=False, ack=False); t.putcell('CORR_TYPE', 0, [9]); t.close()");
        lake = tmp.resolve("lake");
        Result r = Cli.run("convert", "--lake", lake.toString(), tmp.resolve("in") + "/*.ms");
        assertEquals(0, r.status(), r.err());
        truth = models("truth.ms");
    }

    @AfterAll
    static void stop() {
        TestData.spark("PredictCommandTest").stop();
    }

    /** MODEL_DATA of one MS by (antenna1, antenna2, time), unpacked. */
    static Map<String, List<Float>> models(String msName) throws Exception {
        SparkSession spark = TestData.spark("PredictCommandTest"); // the commands stop the shared session
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        Map<String, List<Float>> out = new HashMap<>();
        for (Row r : spark.sql("SELECT v.antenna1, v.antenna2, v.time, vis_floats(v.model_data) FROM visibilities v"
                + " JOIN ms ON v.ms_id = ms.ms_id WHERE ms.uri LIKE '%/" + msName + "'").collectAsList()) {
            out.put(r.getInt(0) + "-" + r.getInt(1) + "@" + r.getDouble(2), r.getList(3));
        }
        return out;
    }

    @Test
    void predictedModelEqualsCasacoreWrittenModel() throws Exception {
        Path catalog = tmp.resolve("source.csv");
        Files.writeString(catalog, "name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,spectral_index,reference\n"
                + "src,,128.7287deg,55.5725deg,2.5,1400,0,the source make_ms.py was given\n");
        Result r = Cli.run("predict", "--lake", lake.toString(), "--catalog", catalog.toString(),
                "--where", "uri LIKE '%/cal.ms'");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("1 given a model, 0 failed"), r.out());

        Map<String, List<Float>> predicted = models("cal.ms");
        assertEquals(truth.keySet(), predicted.keySet());
        assertTrue(predicted.values().stream().allMatch(m -> m != null && m.stream().anyMatch(x -> x != 0)),
                "cal.ms has rows without a model");
        assertTrue(truth.size() > 50);
        double worst = 0;
        for (Map.Entry<String, List<Float>> e : truth.entrySet()) {
            List<Float> want = e.getValue();
            List<Float> got = predicted.get(e.getKey());
            assertEquals(want.size(), got.size());
            for (int k = 0; k < want.size(); k++) {
                worst = Math.max(worst, Math.abs(want.get(k) - got.get(k)));
            }
        }
        assertTrue(worst < 2e-5, "model differs from casacore's by up to " + worst + " Jy (2.5 Jy source)");
    }

    @Test
    void anUnknownCalibratorIsRefused() {
        Result r = Cli.run("predict", "--lake", lake.toString(), "--calibrator", "NoSuchSource",
                "--catalogue", Path.of("../conf/calibrators.csv").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("NoSuchSource") && r.err().contains("0834+555"), r.err());
    }

    /** A 1 Jy point at J1008+0730 (VLA calibrator list position) into the VLA MS, a 3 Jy point into the PAPER MS. */
    @Test
    void unpolarizedPointFillsParallelHandsAndLeavesCrossHandsZero() throws Exception {
        Path vla = tmp.resolve("j1008.csv");
        Files.writeString(vla, "name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,spectral_index,reference\n"
                + "J1008+0730,,152.00006696deg,7.50459789deg,1.0,36000,0,VLA calibrator list\n");
        Result r = Cli.run("predict", "--lake", lake.toString(), "--catalogue", vla.toString(),
                "--where", "uri LIKE '%/evla_4pol.ms'");
        assertEquals(0, r.status(), r.out() + r.err());
        Path paper = tmp.resolve("paper.csv");
        Files.writeString(paper, "name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,spectral_index,reference\n"
                + "near,,6.3deg,-29.9deg,3.0,150,-0.7,a point 1 degree from the PAPER phase centre\n");
        r = Cli.run("predict", "--lake", lake.toString(), "--catalogue", paper.toString(),
                "--where", "uri LIKE '%/paper%'");
        assertEquals(0, r.status(), r.out() + r.err());
        Path out = tmp.resolve("exported");
        Files.createDirectories(out);
        r = Cli.run("export-ms", "--lake", lake.toString(), "--where", "uri LIKE '%pol.ms'", "--output", out.toString());
        assertEquals(0, r.status(), r.out() + r.err());

        Map<String, Object> four = check(out.resolve("evla_4pol.ms"), "152.00006696", "7.50459789", "1.0", "36e9", "0");
        assertEquals(List.of(List.of(5, 6, 7, 8)), four.get("corr_types"));
        assertEquals(1360, ((Number) four.get("rows")).intValue());
        assertEquals(2 * 64 * 1360, ((Number) four.get("parallel_values")).intValue());
        assertEquals(2 * 64 * 1360, ((Number) four.get("cross_values")).intValue());
        assertEquals(1.0, ((Number) four.get("mean_parallel_abs")).doubleValue(), 1e-6);
        assertTrue(((Number) four.get("max_parallel_error")).doubleValue() < 1e-5, four.toString());
        assertEquals(0.0, ((Number) four.get("max_cross_abs")).doubleValue(), four.toString());

        Map<String, Object> one = check(out.resolve("paper_1pol.ms"), "6.3", "-29.9", "3.0", "150e6", "-0.7");
        assertEquals(List.of(List.of(10)), one.get("corr_types"));
        assertEquals(0, ((Number) one.get("parallel_values")).intValue(), "PAPER's MS holds XY only");
        assertEquals(285 * 11, ((Number) one.get("cross_values")).intValue());
        assertEquals(0.0, ((Number) one.get("max_cross_abs")).doubleValue(), one.toString());

        Map<String, Object> xx = check(out.resolve("paper_xx_1pol.ms"), "6.3", "-29.9", "3.0", "150e6", "-0.7");
        assertEquals(List.of(List.of(9)), xx.get("corr_types"));
        assertEquals(285 * 11, ((Number) xx.get("parallel_values")).intValue());
        assertEquals(0, ((Number) xx.get("cross_values")).intValue());
        assertTrue(((Number) xx.get("max_parallel_error")).doubleValue() < 1e-5, xx.toString());
        TestData.deleteTree(out);
    }

    @SuppressWarnings("unchecked")
    /** point_model.py on an exported MS; {@code source}: RA deg, Dec deg, flux Jy, reference frequency Hz, index. */
    private static Map<String, Object> check(Path ms, String... source) throws Exception {
        String json = TestData.python(TestData.resource("predict/point_model.py").toString(), ms.toString(),
                source[0], source[1], source[2], source[3], source[4]);
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
    }
}
