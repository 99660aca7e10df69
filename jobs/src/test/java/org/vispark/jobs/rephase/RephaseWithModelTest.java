package org.vispark.jobs.rephase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
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
import org.vispark.jobs.predict.PredictJob;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.TestData;
import org.vispark.udfs.sky.CalibratorCatalogue;
import org.vispark.udfs.sky.PrimaryBeam;
import org.vispark.udfs.sky.SkyComponent;

/**
 * Rephase with a model ({@link RephaseOptions#model()}, the pipeline's one pass for a calibrator observation) against
 * the two passes it replaces: the incident MS of make_ms.py (phased 54.7 arcmin from 0834+555) rephased to
 * 0834+555 and then predicted (the calibrator and a second point 0.4 deg away, the DSA-110 primary beam), and the
 * same MS rephased with that model.
 * Every visibility column and the fields must be equal, bit for bit, with one MS version fewer.
 */
class RephaseWithModelTest {
    @TempDir
    static Path tmp;

    @AfterAll
    static void stop() {
        TestData.spark("RephaseWithModelTest").stop();
    }

    @Test
    void onePassEqualsRephaseThenPredict() throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/incident.ms"), "--nant", "12", "--nchan", "48", "--ntime", "4",
                "--seed", "11");
        CalibratorCatalogue.Calibrator c = CalibratorCatalogue.read(Path.of("../conf/calibrators.csv")).get("0834+555");
        PrimaryBeam beam = PrimaryBeam.dsa110();
        // the calibrator and a second point 0.4 deg away: a model that depends on UVW (one point at the phase centre
        // does not)
        List<SkyComponent> model = List.of(c.component(), SkyComponent.point("near", c.position().ra_rad() + 0.009,
                c.position().dec_rad() - 0.0025, 1.5, 1.4e9, -0.7));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        String[] lakes = {tmp.resolve("two-passes").toString(), tmp.resolve("one-pass").toString()};
        for (String lake : lakes) {
            Cli.Result r = Cli.run("convert", "--lake", lake, ms.toString());
            assertEquals(0, r.status(), r.err());
        }

        SparkSession spark = TestData.spark("RephaseWithModelTest");
        RephaseSummary rephased = RephaseJob.run(spark, new RephaseOptions(lakes[0], c.position(), "0834+555", null,
                RephaseOptions.COMPLEX_COLUMNS, RephaseOptions.DEFAULT_TOLERANCE_ARCMIN, "snappy"), quiet);
        assertEquals(1, rephased.rephased(), rephased.failures().toString());
        PredictJob.Summary predicted = PredictJob.run(spark, new PredictJob.Options(lakes[0], model,
                null, "0834+555", beam, null, "snappy"), quiet);
        assertEquals(1, predicted.predicted(), predicted.failures().toString());

        RephaseSummary onePass = RephaseJob.run(spark, new RephaseOptions(lakes[1], c.position(), "0834+555", null,
                RephaseOptions.COMPLEX_COLUMNS, RephaseOptions.DEFAULT_TOLERANCE_ARCMIN, "snappy",
                new RephaseOptions.Model(model, beam, "0834+555")), quiet);
        assertEquals(1, onePass.rephased(), onePass.failures().toString());

        Map<String, Object[]> want = rows(spark, lakes[0]);
        Map<String, Object[]> got = rows(spark, lakes[1]);
        assertEquals(want.keySet(), got.keySet());
        assertTrue(want.size() > 200, "rows: " + want.size());
        for (Map.Entry<String, Object[]> e : want.entrySet()) {
            Object[] w = e.getValue();
            Object[] g = got.get(e.getKey());
            assertEquals(w[0], g[0], "uvw of " + e.getKey());
            for (int col = 1; col <= 3; col++) {
                assertNotNull(g[col], "column " + col + " of " + e.getKey());
                assertArrayEquals((byte[]) w[col], (byte[]) g[col], "column " + col + " of " + e.getKey());
            }
        }
        assertEquals(fields(spark, lakes[0]), fields(spark, lakes[1]));
        assertEquals(versions(spark, lakes[0]) - 1, versions(spark, lakes[1]));
    }

    /** uvw, data, model_data, flag of the current version by (antenna1, antenna2, time). */
    private static Map<String, Object[]> rows(SparkSession spark, String lake) throws Exception {
        register(spark, lake);
        Map<String, Object[]> out = new TreeMap<>();
        for (Row r : spark.sql("SELECT antenna1, antenna2, time, uvw, data, model_data, flag FROM visibilities")
                .collectAsList()) {
            out.put(r.getInt(0) + "-" + r.getInt(1) + "@" + r.getDouble(2),
                    new Object[] {r.getList(3), r.get(4), r.get(5), r.get(6)});
        }
        return out;
    }

    private static List<Row> fields(SparkSession spark, String lake) throws Exception {
        register(spark, lake);
        return spark.sql("SELECT field_id, name, phase_dir_lon_rad, phase_dir_lat_rad, phase_dir_frame FROM fields"
                + " ORDER BY field_id").collectAsList();
    }

    private static long versions(SparkSession spark, String lake) throws Exception {
        register(spark, lake);
        return spark.sql("SELECT count(*) FROM ms_history").first().getLong(0);
    }

    private static void register(SparkSession spark, String lake) throws Exception {
        LakeViews.register(spark, Lake.open(lake, spark.sparkContext().hadoopConfiguration()));
    }
}
