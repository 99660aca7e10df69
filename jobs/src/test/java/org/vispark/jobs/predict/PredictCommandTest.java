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
 * same rows and UVW) must reproduce it.
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
    void predictedModelEqualsCasacoreWrittenModelAndFourPolMsIsRefused() throws Exception {
        Path catalog = tmp.resolve("source.csv");
        Files.writeString(catalog, "name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,spectral_index,reference\n"
                + "src,,128.7287deg,55.5725deg,2.5,1400,0,the source make_ms.py was given\n");
        Result r = Cli.run("predict", "--lake", lake.toString(), "--catalog", catalog.toString(),
                "--where", "uri NOT LIKE '%/truth.ms'");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("evla_4pol.ms") && r.err().contains("4 correlations"), r.err());
        assertTrue(r.out().contains("1 given a model, 1 failed"), r.out());

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
}
