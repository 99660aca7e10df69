package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.convert.ConvertOptions;
import org.vispark.jobs.convert.ConvertSummary;
import org.vispark.jobs.testing.MsDump;
import org.vispark.jobs.testing.TestData;

/**
 * Round trip: every MS under shared/data/ms and a few generated ones (tiled and standard storage, one
 * crossing a UTC midnight, one split into row ranges) converted into a lake, and every value of every
 * lake table read back through the SQL views compared with python-casacore's.
 */
class LakeRoundTripTest {
    private static final int BUCKETS = 3;
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static List<Path> inputs;
    private static ConvertSummary summary;

    @BeforeAll
    static void convert() throws Exception {
        spark = TestData.spark("LakeRoundTripTest");
        inputs = new ArrayList<>(TestData.sharedMeasurementSets());
        inputs.add(TestData.makeMs(tmp.resolve("gen/tiled.ms"), "--nant", "5", "--nchan", "6", "--ntime", "3",
                "--dm", "tiled", "--seed", "7"));
        inputs.add(TestData.makeMs(tmp.resolve("gen/midnight.ms"), "--nant", "4", "--nchan", "3", "--ntime", "8",
                "--dm", "standard", "--start", "2025-10-29T23:59:20", "--seed", "8"));
        inputs.add(TestData.makeMs(tmp.resolve("gen/ranges.ms"), "--nant", "6", "--nchan", "8", "--ntime", "5",
                "--seed", "9"));
        List<String> args = inputs.stream().map(Path::toString).toList();
        // 1 MB tasks: the larger MS are split into row ranges, so ranges are exercised too
        ConvertOptions o = ConvertOptions.of(tmp.resolve("lake").toString(), args).withBaselineBuckets(BUCKETS)
                .withTaskBytes(1_000_000);
        summary = ConvertJob.run(spark, o, new PrintStream(System.out));
        LakeViews.register(spark, Lake.open(tmp.resolve("lake").toString(), spark.sparkContext().hadoopConfiguration()));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void everyMsConverted() {
        assertEquals(inputs.size(), summary.converted(), summary.failures().toString());
        assertEquals(0, summary.failed());
        assertEquals(inputs.size(), spark.sql("SELECT * FROM ms WHERE status = 'converted'").count());
    }

    @TestFactory
    Stream<DynamicTest> everyValueEqualsCasacore() {
        return inputs.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path msPath) throws Exception {
        MsDump ref = MsDump.of(msPath, tmp.resolve("dump").resolve(msPath.getFileName().toString()));
        List<Row> found = spark.sql("SELECT * FROM ms WHERE uri LIKE '%/" + msPath.getFileName() + "'").collectAsList();
        assertEquals(1, found.size(), "catalogue entries of " + msPath);
        Row ms = found.get(0);
        long msId = ms.getLong(ms.fieldIndex("ms_id"));
        assertEquals(ref.rows(), ms.getLong(ms.fieldIndex("rows")));
        assertEquals(textOrNull(ref.meta().get("telescope")), ms.getString(ms.fieldIndex("telescope")));
        assertTrue(ms.getString(ms.fieldIndex("checksum")).matches("[0-9a-f]{64}"));

        List<Row> rows = spark.sql("SELECT * FROM visibilities WHERE ms_id = " + msId + " ORDER BY row")
                .collectAsList();
        assertEquals(ref.rows(), rows.size(), "rows in the lake");
        JsonNode dds = ref.meta().get("data_descriptions");
        double tmin = Double.POSITIVE_INFINITY;
        double tmax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            String at = msPath.getFileName() + " row " + i + " ";
            assertEquals(i, r.getLong(r.fieldIndex("row")));
            double time = r.getDouble(r.fieldIndex("time"));
            assertEquals(Double.doubleToRawLongBits(ref.f8("TIME", i)), Double.doubleToRawLongBits(time), at + "time");
            tmin = Math.min(tmin, time);
            tmax = Math.max(tmax, time);
            for (String[] c : new String[][] {{"INTERVAL", "interval"}, {"EXPOSURE", "exposure"},
                    {"TIME_CENTROID", "time_centroid"}}) {
                Object v = r.get(r.fieldIndex(c[1]));
                if (ref.has(c[0])) {
                    assertEquals(Double.doubleToRawLongBits(ref.f8(c[0], i)),
                            Double.doubleToRawLongBits((Double) v), at + c[1]);
                } else {
                    assertNull(v, at + c[1]);
                }
            }
            for (String[] c : new String[][] {{"ANTENNA1", "antenna1"}, {"ANTENNA2", "antenna2"},
                    {"FIELD_ID", "field_id"}, {"DATA_DESC_ID", "data_desc_id"}, {"FEED1", "feed1"}, {"FEED2", "feed2"},
                    {"SCAN_NUMBER", "scan_number"}, {"OBSERVATION_ID", "observation_id"}, {"ARRAY_ID", "array_id"},
                    {"STATE_ID", "state_id"}, {"PROCESSOR_ID", "processor_id"}}) {
                Object v = r.get(r.fieldIndex(c[1]));
                if (ref.has(c[0])) {
                    assertEquals(ref.i4(c[0], i), (Integer) v, at + c[1]);
                } else {
                    assertNull(v, at + c[1]);
                }
            }
            int a1 = ref.i4("ANTENNA1", i);
            int a2 = ref.i4("ANTENNA2", i);
            assertEquals(a1 * 65536 + a2, r.getInt(r.fieldIndex("baseline")), at + "baseline");
            assertEquals(Math.floorMod(a1 + a2, BUCKETS), r.getInt(r.fieldIndex("bl_bucket")), at + "bl_bucket");
            assertEquals(LocalDate.of(1858, 11, 17).plusDays((long) Math.floor(time / 86400)),
                    r.getDate(r.fieldIndex("obs_date")).toLocalDate(), at + "obs_date");
            JsonNode dd = dds.get(ref.i4("DATA_DESC_ID", i));
            assertEquals(dd.get(0).asInt(), r.getInt(r.fieldIndex("spw")), at + "spw");
            assertEquals(dd.get(1).asInt(), r.getInt(r.fieldIndex("pol_id")), at + "pol_id");
            Object flagRow = r.get(r.fieldIndex("flag_row"));
            if (ref.has("FLAG_ROW")) {
                assertEquals(ref.u1("FLAG_ROW", i) != 0, flagRow, at + "flag_row");
            } else {
                assertNull(flagRow);
            }
            byte[] uvw = ref.cell("UVW", i);
            List<Double> lakeUvw = r.getList(r.fieldIndex("uvw"));
            ByteBuffer ub = ByteBuffer.wrap(uvw).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < 3; k++) {
                assertEquals(Double.doubleToRawLongBits(ub.getDouble(8 * k)),
                        Double.doubleToRawLongBits(lakeUvw.get(k)), at + "uvw");
            }
            for (String[] c : new String[][] {{"WEIGHT", "weight"}, {"SIGMA", "sigma"}}) {
                Object v = r.get(r.fieldIndex(c[1]));
                byte[] cell = ref.has(c[0]) ? ref.cell(c[0], i) : null;
                if (cell == null) {
                    assertNull(v, at + c[1]);
                } else {
                    List<Float> lake = r.getList(r.fieldIndex(c[1]));
                    ByteBuffer b = ByteBuffer.wrap(cell).order(ByteOrder.LITTLE_ENDIAN);
                    assertEquals(cell.length / 4, lake.size(), at + c[1]);
                    for (int k = 0; k < lake.size(); k++) {
                        assertEquals(Float.floatToRawIntBits(b.getFloat(4 * k)), Float.floatToRawIntBits(lake.get(k)),
                                at + c[1]);
                    }
                }
            }
            for (String[] c : new String[][] {{"DATA", "data"}, {"FLAG", "flag"}, {"WEIGHT_SPECTRUM", "weight_spectrum"},
                    {"MODEL_DATA", "model_data"}, {"CORRECTED_DATA", "corrected_data"}}) {
                byte[] cell = ref.has(c[0]) ? ref.cell(c[0], i) : null;
                Object v = r.get(r.fieldIndex(c[1]));
                if (cell == null) {
                    assertNull(v, at + c[1]);
                } else {
                    assertArrayEquals(cell, (byte[]) v, at + c[1]);
                }
            }
            byte[] data = ref.has("DATA") ? ref.cell("DATA", i) : null;
            if (data != null) {
                int numPol = r.getInt(r.fieldIndex("num_pol"));
                assertEquals(ref.meta().get("pols").get(dd.get(1).asInt()).size(), numPol, at + "num_pol");
                assertEquals(data.length, 8 * numPol * r.getInt(r.fieldIndex("num_chan")), at + "num_chan");
            }
        }
        if (ref.rows() > 0) {
            assertEquals(tmin, ms.getDouble(ms.fieldIndex("time_start")));
            assertEquals(tmax, ms.getDouble(ms.fieldIndex("time_end")));
        }
        checkSubtables(ref, msId);
    }

    private static void checkSubtables(MsDump ref, long msId) {
        JsonNode meta = ref.meta();
        List<Row> ants = spark.sql("SELECT * FROM antennas WHERE ms_id = " + msId + " ORDER BY antenna_id")
                .collectAsList();
        assertEquals(meta.get("antennas").size(), ants.size(), "antennas");
        for (int i = 0; i < ants.size(); i++) {
            JsonNode a = meta.get("antennas").get(i);
            Row r = ants.get(i);
            assertEquals(i, r.getInt(r.fieldIndex("antenna_id")));
            assertEquals(a.get("name").asText(), r.getString(r.fieldIndex("name")));
            assertEquals(a.get("station").asText(), r.getString(r.fieldIndex("station")));
            assertEquals(a.get("mount").asText(), r.getString(r.fieldIndex("mount")));
            assertEquals(a.get("flag_row").asBoolean(), r.getBoolean(r.fieldIndex("flag_row")));
            assertEquals(a.get("dish").asDouble(), r.getDouble(r.fieldIndex("dish_diameter_m")));
            assertEquals(doubles(a.get("position")), r.getList(r.fieldIndex("position_itrf_m")));
        }
        List<Row> spws = spark.sql("SELECT * FROM spectral_windows WHERE ms_id = " + msId + " ORDER BY spw_id")
                .collectAsList();
        assertEquals(meta.get("spws").size(), spws.size(), "spectral windows");
        for (int i = 0; i < spws.size(); i++) {
            JsonNode s = meta.get("spws").get(i);
            Row r = spws.get(i);
            assertEquals(s.get("name").asText(), r.getString(r.fieldIndex("name")));
            assertEquals(doubles(s.get("chan_freq")), r.getList(r.fieldIndex("chan_freq_hz")));
            assertEquals(doubles(s.get("chan_width")), r.getList(r.fieldIndex("chan_width_hz")));
            assertEquals(s.get("chan_freq").size(), r.getInt(r.fieldIndex("num_chan")));
            assertEquals(s.get("ref_frequency").asDouble(), r.getDouble(r.fieldIndex("ref_frequency_hz")));
            assertEquals(s.get("total_bandwidth").asDouble(), r.getDouble(r.fieldIndex("total_bandwidth_hz")));
            assertEquals(s.get("frame").asText(), r.getString(r.fieldIndex("frame")));
        }
        List<Row> pols = spark.sql("SELECT * FROM polarizations WHERE ms_id = " + msId + " ORDER BY pol_id")
                .collectAsList();
        assertEquals(meta.get("pols").size(), pols.size(), "polarizations");
        for (int i = 0; i < pols.size(); i++) {
            List<Integer> types = new ArrayList<>();
            meta.get("pols").get(i).forEach(t -> types.add(t.asInt()));
            assertEquals(types, pols.get(i).getList(pols.get(i).fieldIndex("corr_type")));
            assertEquals(types.size(), pols.get(i).getInt(pols.get(i).fieldIndex("num_corr")));
        }
        List<Row> fields = spark.sql("SELECT * FROM fields WHERE ms_id = " + msId + " ORDER BY field_id")
                .collectAsList();
        assertEquals(meta.get("fields").size(), fields.size(), "fields");
        for (int i = 0; i < fields.size(); i++) {
            JsonNode f = meta.get("fields").get(i);
            Row r = fields.get(i);
            assertEquals(f.get("name").asText(), r.getString(r.fieldIndex("name")));
            assertEquals(f.get("code").asText(), r.getString(r.fieldIndex("code")));
            assertEquals(f.get("time").asDouble(), r.getDouble(r.fieldIndex("time")));
            assertEquals(f.get("source_id").asInt(), r.getInt(r.fieldIndex("source_id")));
            for (String[] d : new String[][] {{"PHASE_DIR", "phase_dir"}, {"DELAY_DIR", "delay_dir"},
                    {"REFERENCE_DIR", "reference_dir"}}) {
                JsonNode v = f.get(d[0]);
                assertEquals(v.get(0).asDouble(), r.getDouble(r.fieldIndex(d[1] + "_lon_rad")), d[1]);
                assertEquals(v.get(1).asDouble(), r.getDouble(r.fieldIndex(d[1] + "_lat_rad")), d[1]);
                assertEquals(v.get(2).asText(), r.getString(r.fieldIndex(d[1] + "_frame")), d[1]);
            }
        }
        List<Row> dds = spark.sql("SELECT * FROM data_descriptions WHERE ms_id = " + msId + " ORDER BY data_desc_id")
                .collectAsList();
        assertEquals(meta.get("data_descriptions").size(), dds.size(), "data descriptions");
        for (int i = 0; i < dds.size(); i++) {
            JsonNode d = meta.get("data_descriptions").get(i);
            assertEquals(d.get(0).asInt(), dds.get(i).getInt(dds.get(i).fieldIndex("spw_id")));
            assertEquals(d.get(1).asInt(), dds.get(i).getInt(dds.get(i).fieldIndex("pol_id")));
        }
    }

    @Test
    void filesAreSortedByBaselineThenTime() throws Exception {
        Lake lake = Lake.open(tmp.resolve("lake").toString(), spark.sparkContext().hadoopConfiguration());
        LakeViews.table(spark, lake, LakeTable.VISIBILITIES, Long.MAX_VALUE).selectExpr("input_file_name() f", "baseline", "time",
                "monotonically_increasing_id() i").createOrReplaceTempView("raw_order");
        List<Row> bad = spark.sql("SELECT f, count(*) FROM (SELECT f, baseline, time,"
                + " lag(baseline) OVER (PARTITION BY f ORDER BY i) pb, lag(time) OVER (PARTITION BY f ORDER BY i) pt"
                + " FROM raw_order) WHERE pb > baseline OR (pb = baseline AND pt > time) GROUP BY f").collectAsList();
        assertEquals(List.of(), bad);
        assertTrue(spark.sql("SELECT DISTINCT f FROM raw_order").count() > inputs.size());
    }

    @Test
    void sqlFunctionsReachTheCells() {
        Row r = spark.sql("SELECT vis_amp(data, num_pol, 0, 0), vis_phase(data, num_pol, 0, 0), vis_floats(data),"
                + " vis_chan_avg(data, flag, num_pol, 0), vis_flags(flag, num_chan, num_pol), num_chan, num_pol,"
                + " vis_baseline(antenna1, antenna2) = baseline, vis_bl_bucket(antenna1, antenna2) = bl_bucket"
                + " FROM visibilities WHERE data IS NOT NULL AND num_chan > 1 LIMIT 1").first();
        List<Float> f = r.getList(2);
        assertEquals(Math.hypot(f.get(0), f.get(1)), r.getDouble(0), 0);
        assertEquals(Math.atan2(f.get(1), f.get(0)), r.getDouble(1), 0);
        int numChan = r.getInt(5);
        int numPol = r.getInt(6);
        List<Boolean> flags = r.getList(4);
        double re = 0;
        double im = 0;
        int n = 0;
        for (int c = 0; c < numChan; c++) {
            if (!flags.get(c * numPol)) {
                re += f.get(2 * c * numPol);
                im += f.get(2 * c * numPol + 1);
                n++;
            }
        }
        if (n == 0) {
            assertTrue(r.isNullAt(3));
        } else {
            Row avg = r.getStruct(3);
            assertEquals(re / n, avg.getDouble(0), 1e-12 * Math.abs(re / n) + 1e-30);
            assertEquals(im / n, avg.getDouble(1), 1e-12 * Math.abs(im / n) + 1e-30);
            assertEquals(n, avg.getInt(4));
        }
        assertTrue(r.getBoolean(7));
        assertTrue(r.getBoolean(8));
    }

    private static List<Double> doubles(JsonNode a) {
        List<Double> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
