package org.vispark.jobs.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * {@code vispark export-ms} against python-casacore and casacore's own tools: every MS of ../shared/data that the
 * writer supports, and a make_ms.py MS, exported from an unmodified conversion equal their originals column by
 * column; an MS the writer cannot hold fails with its reason; MS -> lake -> MS -> lake is lossless, also for a
 * version with a predicted MODEL_DATA; bad options and a broken lake give clear errors and no half-written MS.
 */
class ExportMsCommandTest {
    @TempDir
    static Path tmp;
    static Path lake;

    @BeforeAll
    static void convert() throws Exception {
        Path in = tmp.resolve("in");
        TestData.makeMs(in.resolve("made.ms"), "--nant", "8", "--nchan", "16", "--ntime", "4", "--model", "true");
        TestData.makeMs(in.resolve("round.ms"), "--nant", "8", "--nchan", "16", "--ntime", "4", "--model", "none");
        for (Path ms : TestData.sharedMeasurementSets()) {
            TestData.copyTree(ms, in.resolve(ms.getFileName()));
        }
        lake = tmp.resolve("lake");
        Result r = Cli.run("convert", "--lake", lake.toString(), in + "/*.ms");
        assertEquals(0, r.status(), r.err());
    }

    @AfterAll
    static void stop() {
        TestData.spark("ExportMsCommandTest").stop();
    }

    @Test
    void exportsOfUnmodifiedConversionsEqualTheOriginalsAndCasacoreToolsReadThem() throws Exception {
        Path out = tmp.resolve("out");
        Result r = Cli.run("export-ms", "--lake", lake.toString(), "--where", "uri NOT LIKE '%round.ms'", "--output",
                out.toString());
        // X5707 mixes 2- and 1-correlation polarization setups: one DATA shape per MS is all the writer holds
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("X5707") && r.err().contains("one DATA cell shape"), r.err());
        List<Path> written;
        try (Stream<Path> s = Files.list(out)) {
            written = s.sorted().toList();
        }
        assertEquals(TestData.sharedMeasurementSets().size(), written.size(), written.toString()); // + made.ms - X5707
        Path compare = TestData.resource("export/exported_columns.py");
        for (Path ms : written) {
            Path original = tmp.resolve("in").resolve(ms.getFileName());
            JsonNode c = new ObjectMapper().readTree(TestData.python(compare.toString(), original.toString(),
                    ms.toString()));
            System.out.println(ms.getFileName() + ": " + c);
            assertEquals(c.get("rows").get(0), c.get("rows").get(1), ms.toString());
            assertTrue(c.get("checked").asInt() >= 30, c.toString());
            assertEquals(0, c.get("differs").size(), ms + ": " + c.get("differs"));
            String info = run("showtableinfo", "in=" + ms);
            assertTrue(info.contains(c.get("rows").get(0).asInt() + " rows"), info);
            // Debian's TaQL rejects count(*) (also on casacore-written MS); gcount(*) is its aggregate row count
            String count = run("taql", "select gcount(*) from " + ms);
            assertTrue(count.strip().endsWith("\n" + c.get("rows").get(0).asInt()), count);
        }
    }

    @Test
    void msToLakeToMsToLakeIsLosslessAlsoAfterPredict() throws Exception {
        Result p = Cli.run("predict", "--lake", lake.toString(), "--calibrator", "0834+555",
                "--where", "uri LIKE '%round.ms'", "--catalogue", "../conf/calibrators.csv");
        assertEquals(0, p.status(), p.err());
        Path out = tmp.resolve("round");
        Result e = Cli.run("export-ms", "--lake", lake.toString(), "--where", "uri LIKE '%round.ms'",
                "--output", out.toString());
        assertEquals(0, e.status(), e.err());
        Path lake2 = tmp.resolve("lake2");
        assertEquals(0, Cli.run("convert", "--lake", lake2.toString(), out.resolve("round.ms").toString()).status());
        String rows = "SELECT row, time, interval, exposure, time_centroid, antenna1, antenna2, baseline, feed1, feed2,"
                + " field_id, data_desc_id, spw, pol_id, scan_number, observation_id, array_id, state_id, processor_id,"
                + " num_chan, num_pol, uvw, flag_row, weight, sigma, md5(data), md5(flag), md5(weight_spectrum),"
                + " md5(model_data), md5(corrected_data), obs_date, bl_bucket FROM visibilities %s ORDER BY row";
        String meta = "SELECT a.name AS antenna, a.station, a.position_itrf_m, f.name AS field, f.phase_dir_lon_rad,"
                + " f.phase_dir_lat_rad, f.reference_dir_lon_rad, s.chan_freq_hz, s.chan_width_hz, p.corr_type"
                + " FROM antennas a"
                + " JOIN fields f ON a.ms_id = f.ms_id JOIN spectral_windows s ON s.ms_id = a.ms_id"
                + " JOIN polarizations p ON p.ms_id = a.ms_id %s ORDER BY a.name";
        String first = "WHERE ms_id IN (SELECT ms_id FROM ms WHERE uri LIKE '%round.ms')";
        for (String q : List.of(rows, meta)) {
            String a = sql(lake, String.format(q, q == rows ? first : first.replace("ms_id IN", "a.ms_id IN")));
            String b = sql(lake2, String.format(q, ""));
            assertTrue(a.lines().count() > 8, a);
            assertEquals(a, b, "the second lake differs from the first");
        }
        assertTrue(sql(lake2, "SELECT count(*) FROM visibilities WHERE model_data IS NOT NULL").contains("112"));
    }

    @Test
    void badOptionsAndBrokenInputGiveClearErrorsAndNoHalfWrittenMs() throws Exception {
        Result unknown = Cli.run("export-ms", "--lake", lake.toString(), "--ms", "12345", "--output",
                tmp.resolve("x").toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("--ms 12345: no MS with this ms_id"), unknown.err());

        Result hdfs = Cli.run("export-ms", "--lake", lake.toString(), "--where", "true", "--output", "hdfs://nn/x");
        assertEquals(2, hdfs.status());
        assertTrue(hdfs.err().contains("not to hdfs://"), hdfs.err());

        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Result notDir = Cli.run("export-ms", "--lake", lake.toString(), "--where", "true", "--output",
                file.resolve("sub").toString());
        assertEquals(2, notDir.status());
        assertTrue(notDir.err().contains(file.resolve("sub") + ": cannot create the directory"), notDir.err());

        Path out = tmp.resolve("exists");
        String where = "uri LIKE '%made.ms'";
        assertEquals(0, Cli.run("export-ms", "--lake", lake.toString(), "--where", where, "--output",
                out.toString()).status());
        Path marker = Files.writeString(out.resolve("made.ms/marker"), "mine");
        Result again = Cli.run("export-ms", "--lake", lake.toString(), "--where", where, "--output", out.toString());
        assertEquals(1, again.status());
        assertTrue(again.err().contains(out.resolve("made.ms").toString()) && again.err().contains("exists"),
                again.err());
        assertTrue(Files.exists(marker), "the existing MS was touched");
        assertEquals(0, Cli.run("export-ms", "--lake", lake.toString(), "--where", where, "--output", out.toString(),
                "--overwrite").status());
        assertFalse(Files.exists(marker), "--overwrite did not replace the MS");

        // a lake missing one visibility file of the MS (taken out of the table's snapshot): the export fails naming the
        // missing rows, and leaves nothing
        Path broken = tmp.resolve("broken-lake");
        TestData.copyTree(lake, broken);
        assertEquals(0, Cli.run("lake", "relocate", broken.toString()).status(), "the copy made its own");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(broken.resolve("visibilities"))) {
            s.filter(f -> f.toString().endsWith(".parquet")).forEach(files::add);
        }
        String current = sql(broken, "SELECT lpad(lower(hex(ms_id)), 16, '0'), lpad(lower(hex(conversion)), 16, '0')"
                + " FROM ms WHERE uri LIKE '%made.ms'").lines().skip(1).findFirst().orElseThrow().strip()
                .replace(',', '-');
        Path victim = files.stream().filter(f -> f.getFileName().toString().startsWith(current)).findFirst()
                .orElseThrow();
        Configuration conf = new Configuration();
        IcebergTables.of(Lake.open(broken.toString(), conf), conf).remove(LakeTable.VISIBILITIES,
                List.of(new org.apache.hadoop.fs.Path(victim.toUri())));
        Path empty = tmp.resolve("broken-out");
        Result b = Cli.run("export-ms", "--lake", broken.toString(), "--where", where, "--output", empty.toString());
        assertEquals(1, b.status(), b.out() + b.err());
        assertTrue(b.err().contains("made.ms") && b.err().contains("is not in the lake's visibility files"), b.err());
        // a file of the snapshot deleted behind the lake's back: the MS fails, naming it
        Path gone = Path.of(IcebergTables.of(Lake.open(broken.toString(), conf), conf)
                .currentFiles(LakeTable.VISIBILITIES).stream().filter(f -> f.getName().startsWith(current)).findFirst()
                .orElseThrow().toUri());
        Files.delete(gone);
        Result d = Cli.run("export-ms", "--lake", broken.toString(), "--where", where, "--output", empty.toString());
        assertEquals(1, d.status(), d.out() + d.err());
        assertTrue(d.err().contains("made.ms") && d.err().contains(gone.getFileName().toString()), d.err());
        try (Stream<Path> s = Files.list(empty)) {
            assertEquals(List.of(), s.toList(), "a failed export left files behind");
        }
    }

    private static String sql(Path lakeDir, String query) {
        Result r = Cli.run("sql", "--lake", lakeDir.toString(), "--format", "csv", "--max-rows", "100000", query);
        assertEquals(0, r.status(), r.err());
        return r.out();
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
        return out;
    }
}
