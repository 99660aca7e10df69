package org.vispark.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.TestData;
import org.vispark.udfs.phasing.PhaseCentreRequest;
import org.vispark.udfs.vis.PackedCells;

/**
 * {@code vispark convert} of UVH5 files: the files under shared/data/uvh5 (current and older layout)
 * and a copy of one with its channels reversed (descending frequencies, negative channel_width, as the
 * DSA-110 writes them) converted into a lake; every lake value read back through the SQL views
 * compared with h5py's (formats' uvh5/h5py_dump.py); a truncated copy recorded as failed, naming the
 * file, while the others convert.
 */
class Uvh5ConvertTest {
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static List<Path> good;
    private static Path truncated;
    private static ConvertSummary summary;

    @BeforeAll
    static void convert() throws Exception {
        spark = TestData.spark("Uvh5ConvertTest");
        good = new ArrayList<>();
        try (Stream<Path> s = Files.list(TestData.shared().resolve("data/uvh5"))) {
            s.filter(p -> p.toString().endsWith(".uvh5")).sorted().forEach(good::add);
        }
        Path reversed = tmp.resolve("in/descending.uvh5");
        Files.createDirectories(reversed.getParent());
        TestData.python(TestData.resource("uvh5/reverse_channels.py").toString(), good.get(0).toString(),
                reversed.toString());
        good.add(reversed);
        truncated = tmp.resolve("in/truncated.uvh5");
        byte[] all = Files.readAllBytes(good.get(0));
        Files.write(truncated, Arrays.copyOf(all, all.length / 2));
        List<String> args = new ArrayList<>(good.stream().map(Path::toString).toList());
        args.add(truncated.toString());
        // small tasks: the larger file is split into blt ranges; drift data kept as recorded, to compare with h5py
        ConvertOptions o = ConvertOptions.of(tmp.resolve("lake").toString(), args).withBaselineBuckets(3)
                .withTaskBytes(100_000).withPhaseCentre(PhaseCentreRequest.none());
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
    void goodFilesConvertAndTheTruncatedOneIsRecordedWithItsName() {
        assertEquals(good.size(), summary.converted(), summary.failures().toString());
        assertEquals(1, summary.failed());
        List<Row> failed = spark.sql("SELECT * FROM ms_history WHERE status = 'failed'").collectAsList();
        assertEquals(1, failed.size());
        String error = failed.get(0).getString(failed.get(0).fieldIndex("error"));
        assertEquals("uvh5", failed.get(0).getString(failed.get(0).fieldIndex("format")));
        assertTrue(error.contains(truncated.toString()) && error.contains("truncated"), error);
    }

    @TestFactory
    Stream<DynamicTest> everyLakeValueEqualsH5py() {
        return good.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path file) throws Exception {
        JsonNode ref = new ObjectMapper().readTree(TestData.python(h5pyDump().toString(), file.toString()));
        JsonNode h = ref.get("header");
        JsonNode d = ref.get("derived");
        JsonNode data = ref.get("data");
        int nblts = h.get("Nblts").asInt();
        int nfreqs = h.get("Nfreqs").asInt();
        int npols = h.get("Npols").asInt();
        double[] freq = doubles(h.get("freq_array"));
        int[] order = IntStream.range(0, nfreqs).boxed().sorted(Comparator.comparingDouble(c -> freq[c]))
                .mapToInt(Integer::intValue).toArray();

        List<Row> found = spark.sql("SELECT * FROM ms WHERE uri LIKE '%/" + file.getFileName() + "'").collectAsList();
        assertEquals(1, found.size(), "catalogue entries of " + file);
        Row ms = found.get(0);
        long msId = ms.getLong(ms.fieldIndex("ms_id"));
        assertEquals(nblts, ms.getLong(ms.fieldIndex("rows")));
        assertEquals(h.get("telescope_name").asText(), ms.getString(ms.fieldIndex("telescope")));
        assertEquals("uvh5", ms.getString(ms.fieldIndex("format")));

        int[] numbers = IntStream.range(0, h.get("antenna_numbers").size())
                .map(i -> h.get("antenna_numbers").get(i).asInt()).toArray();
        List<Row> rows = spark.sql("SELECT * FROM visibilities WHERE ms_id = " + msId + " ORDER BY row").collectAsList();
        assertEquals(nblts, rows.size());
        double[] times = doubles(d.get("time_mjd_sec"));
        double[] uvw = doubles(h.get("uvw_array"));
        double[] integration = doubles(h.get("integration_time"));
        double[] re = doubles(data.get("re"));
        double[] im = doubles(data.get("im"));
        double[] ns = doubles(data.get("nsamples"));
        JsonNode flags = data.get("flags");
        for (int b = 0; b < nblts; b++) {
            Row r = rows.get(b);
            String at = file.getFileName() + " blt " + b + " ";
            assertEquals(b, r.getLong(r.fieldIndex("row")), at);
            assertEquals(times[b], r.getDouble(r.fieldIndex("time")), 1e-6, at + "time");
            assertEquals(r.getDouble(r.fieldIndex("time")), r.getDouble(r.fieldIndex("time_centroid")), at);
            assertEquals(integration[b], r.getDouble(r.fieldIndex("interval")), at + "interval");
            assertEquals(integration[b], r.getDouble(r.fieldIndex("exposure")), at + "exposure");
            assertEquals(row(numbers, h.get("ant_1_array").get(b).asInt()), r.getInt(r.fieldIndex("antenna1")), at);
            assertEquals(row(numbers, h.get("ant_2_array").get(b).asInt()), r.getInt(r.fieldIndex("antenna2")), at);
            assertEquals(0, r.getInt(r.fieldIndex("spw")), at);
            assertEquals(0, r.getInt(r.fieldIndex("data_desc_id")), at);
            assertEquals(0, r.getInt(r.fieldIndex("field_id")), at);
            assertEquals(nfreqs, r.getInt(r.fieldIndex("num_chan")), at);
            assertEquals(npols, r.getInt(r.fieldIndex("num_pol")), at);
            List<Double> lakeUvw = r.getList(r.fieldIndex("uvw"));
            for (int k = 0; k < 3; k++) {
                assertEquals(uvw[3 * b + k], lakeUvw.get(k), 0, at + "uvw");
            }
            float[] vis = PackedCells.unpackFloats((byte[]) r.get(r.fieldIndex("data")));
            float[] weightSpectrum = PackedCells.unpackFloats((byte[]) r.get(r.fieldIndex("weight_spectrum")));
            boolean[] flag = PackedCells.unpackFlags((byte[]) r.get(r.fieldIndex("flag")), nfreqs * npols);
            List<Float> weight = r.getList(r.fieldIndex("weight"));
            boolean allFlagged = true;
            for (int p = 0; p < npols; p++) {
                double sum = 0;
                for (int c = 0; c < nfreqs; c++) {
                    int src = (b * nfreqs + order[c]) * npols + p;
                    int dst = c * npols + p;
                    assertEquals((float) re[src], vis[2 * dst], at + "re");
                    assertEquals((float) im[src], vis[2 * dst + 1], at + "im");
                    assertEquals((float) ns[src], weightSpectrum[dst], at + "weight_spectrum");
                    assertEquals(flags.get(src).asBoolean(), flag[dst], at + "flag");
                    sum += ns[src];
                    allFlagged &= flags.get(src).asBoolean();
                }
                assertEquals((float) (sum / nfreqs), weight.get(p), at + "weight");
            }
            assertEquals(allFlagged, r.getBoolean(r.fieldIndex("flag_row")), at + "flag_row");
        }

        List<Row> ants = spark.sql("SELECT * FROM antennas WHERE ms_id = " + msId + " ORDER BY antenna_id")
                .collectAsList();
        assertEquals(numbers.length, ants.size());
        double[] itrf = doubles(d.get("antenna_itrf_m"));
        int[] sorted = Arrays.stream(numbers).sorted().toArray();
        for (int id = 0; id < ants.size(); id++) {
            Row a = ants.get(id);
            assertEquals(id, a.getInt(a.fieldIndex("antenna_id")), "ANTENNA rows 0..N-1");
            int number = sorted[id];
            int i = IntStream.range(0, numbers.length).filter(k -> numbers[k] == number).findFirst().orElseThrow();
            assertEquals(h.get("antenna_names").get(i).asText(), a.getString(a.fieldIndex("name")));
            List<Double> pos = a.getList(a.fieldIndex("position_itrf_m"));
            for (int k = 0; k < 3; k++) {
                assertEquals(itrf[3 * i + k], pos.get(k), 1e-6, "antenna " + number);
            }
        }
        Row spw = spark.sql("SELECT * FROM spectral_windows WHERE ms_id = " + msId).collectAsList().get(0);
        List<Double> chanFreq = spw.getList(spw.fieldIndex("chan_freq_hz"));
        List<Double> chanWidth = spw.getList(spw.fieldIndex("chan_width_hz"));
        double[] width = doubles(h.get("channel_width"));
        for (int c = 0; c < nfreqs; c++) {
            assertEquals(freq[order[c]], chanFreq.get(c), 0, "chan_freq");
            assertEquals(Math.abs(width.length == 1 ? width[0] : width[order[c]]), chanWidth.get(c), 0, "chan_width");
            assertTrue(c == 0 || chanFreq.get(c) > chanFreq.get(c - 1), "ascending");
        }
        Row pol = spark.sql("SELECT * FROM polarizations WHERE ms_id = " + msId).collectAsList().get(0);
        List<Integer> corr = pol.getList(pol.fieldIndex("corr_type"));
        for (int p = 0; p < npols; p++) {
            assertEquals(d.get("corr_types").get(p).asInt(), corr.get(p));
        }
        Row field = spark.sql("SELECT * FROM fields WHERE ms_id = " + msId).collectAsList().get(0);
        if (h.has("phase_center_catalog")) {
            JsonNode c = h.get("phase_center_catalog").get("0");
            assertEquals(c.get("cat_lon").asDouble(), field.getDouble(field.fieldIndex("phase_dir_lon_rad")), 0);
            assertEquals(c.get("cat_lat").asDouble(), field.getDouble(field.fieldIndex("phase_dir_lat_rad")), 0);
            assertEquals("ICRS", field.getString(field.fieldIndex("phase_dir_frame")));
            assertEquals(c.get("cat_name").asText(), field.getString(field.fieldIndex("name")));
        } else {
            assertEquals("HADEC", field.getString(field.fieldIndex("phase_dir_frame")));
            assertEquals(0, field.getDouble(field.fieldIndex("phase_dir_lon_rad")), 0);
            assertEquals(Math.toRadians(h.get("latitude").asDouble()),
                    field.getDouble(field.fieldIndex("phase_dir_lat_rad")), 1e-15);
        }
    }

    /** The ANTENNA row of an antenna number: its rank among the file's antenna numbers. */
    private static int row(int[] numbers, int number) {
        return (int) Arrays.stream(numbers).filter(n -> n < number).count();
    }

    /** formats' h5py reference script (one copy, beside the reader's conformance test). */
    private static Path h5pyDump() throws IOException {
        Path p = Path.of("../formats/src/test/resources/uvh5/h5py_dump.py").toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IOException("formats' uvh5/h5py_dump.py not found at " + p);
        }
        return p;
    }

    private static double[] doubles(JsonNode n) {
        List<Double> out = new ArrayList<>();
        collect(n, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(x -> collect(x, out));
        } else {
            out.add(n.asDouble());
        }
    }
}
