package org.vispark.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.TestData;
import org.vispark.udfs.phasing.PhaseCentreRequest;
import org.vispark.udfs.vis.PackedCells;

/**
 * {@code vispark convert} of DSA-110 subband groups written with h5py by formats'
 * uvh5/make_subband_group.py (16 files, shuffled, jittered timestamps, descending channels), given as
 * globs: a complete group becomes one catalogue entry (format uvh5-subband-group, its 16 files listed)
 * whose lake rows hold all 64 channels in ascending frequency, equal to the script's; a group missing
 * subbands 3 and 7 is recorded with them and not converted, and converted with those channels flagged
 * by a rerun with --allow-incomplete (and --retry-failed); a group of mixed shapes is recorded failed,
 * naming the odd file.
 */
class Uvh5SubbandGroupConvertTest {
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static JsonNode complete;
    private static ConvertSummary summary;

    @BeforeAll
    static void convert() throws Exception {
        spark = TestData.spark("Uvh5SubbandGroupConvertTest");
        complete = group("complete");
        group("incomplete", "--drop", "3,7");
        group("mixed", "--npols-of", "5");
        List<String> globs = List.of(tmp.resolve("complete/*.hdf5").toString(),
                tmp.resolve("incomplete/*.hdf5").toString(), tmp.resolve("mixed/*.hdf5").toString());
        // drift data kept as recorded, to compare with the script's values
        summary = ConvertJob.run(spark, ConvertOptions.of(tmp.resolve("lake").toString(), globs)
                .withPhaseCentre(PhaseCentreRequest.none()), new PrintStream(System.out));
        LakeViews.register(spark, Lake.open(tmp.resolve("lake").toString(), spark.sparkContext().hadoopConfiguration()));
    }

    private static JsonNode group(String name, String... options) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        String[] args = new String[options.length + 2];
        args[0] = script().toString();
        args[1] = dir.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return new ObjectMapper().readTree(TestData.python(args));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void oneEntryPerGroup() {
        assertEquals(3, summary.inputs(), summary.failures().toString());
        assertEquals(1, summary.converted(), summary.failures().toString());
        assertEquals(2, summary.failed());
    }

    @Test
    void incompleteGroupIsRecordedWithItsMissingSubbands() {
        Row r = entry("incomplete");
        assertEquals("failed", r.getString(r.fieldIndex("status")));
        assertTrue(r.getString(r.fieldIndex("error")).contains("subbands [3, 7] missing"), r.getString(r.fieldIndex("error")));
        assertEquals(14, r.getList(r.fieldIndex("source_files")).size());
    }

    @Test
    void allowIncompleteConvertsTheGroupWithItsMissingChannelsFlagged() throws Exception {
        ConvertOptions o = ConvertOptions.of(tmp.resolve("lake").toString(),
                List.of(tmp.resolve("incomplete/*.hdf5").toString())).withAllowIncomplete(true).withRetryFailed(true)
                .withPhaseCentre(PhaseCentreRequest.none());
        ConvertSummary again = ConvertJob.run(spark, o, new PrintStream(System.out));
        assertEquals(1, again.converted(), again.failures().toString());
        LakeViews.register(spark, Lake.open(tmp.resolve("lake").toString(), spark.sparkContext().hadoopConfiguration()));
        List<Row> found = spark.sql("SELECT * FROM ms WHERE uri LIKE '%/incomplete/%_sbgroup'").collectAsList();
        assertEquals(1, found.size());
        long msId = found.get(0).getLong(found.get(0).fieldIndex("ms_id"));
        Row spw = spark.sql("SELECT * FROM spectral_windows WHERE ms_id = " + msId).collectAsList().get(0);
        List<Double> freq = spw.getList(spw.fieldIndex("chan_freq_hz"));
        assertEquals(64, freq.size());
        for (int c = 0; c < 64; c++) {
            assertEquals(complete.get("freq_hz").get(c).asDouble(), freq.get(c), 1e-3, "the complete group's grid");
        }
        for (Row r : spark.sql("SELECT * FROM visibilities WHERE ms_id = " + msId).collectAsList()) {
            boolean[] flag = PackedCells.unpackFlags((byte[]) r.get(r.fieldIndex("flag")), 128);
            float[] ns = PackedCells.unpackFloats((byte[]) r.get(r.fieldIndex("weight_spectrum")));
            int flaggedChannels = 0;
            for (int c = 0; c < 64; c++) {
                if (flag[2 * c] && flag[2 * c + 1] && ns[2 * c] == 0 && ns[2 * c + 1] == 0) {
                    flaggedChannels++;
                }
            }
            assertTrue(flaggedChannels >= 8, "the 8 channels of subbands 3 and 7 flagged: " + flaggedChannels);
        }
    }

    @Test
    void mixedShapesAreRecordedNamingTheFile() {
        Row r = entry("mixed");
        assertEquals("failed", r.getString(r.fieldIndex("status")));
        String error = r.getString(r.fieldIndex("error"));
        assertTrue(error.contains("_sb05.hdf5: has polarizations [-5]"), error);
    }

    @Test
    void completeGroupEqualsTheScriptsConcatenationInAscendingFrequency() {
        Row ms = entry("complete");
        assertEquals("converted", ms.getString(ms.fieldIndex("status")));
        assertEquals("uvh5-subband-group", ms.getString(ms.fieldIndex("format")));
        List<String> files = ms.getList(ms.fieldIndex("source_files"));
        assertEquals(16, files.size());
        for (int sb = 0; sb < 16; sb++) {
            assertTrue(files.get(sb).endsWith(String.format("_sb%02d.hdf5", sb)), files.toString());
        }
        long msId = ms.getLong(ms.fieldIndex("ms_id"));
        Row spw = spark.sql("SELECT * FROM spectral_windows WHERE ms_id = " + msId).collectAsList().get(0);
        List<Double> freq = spw.getList(spw.fieldIndex("chan_freq_hz"));
        JsonNode expectedFreq = complete.get("freq_hz");
        assertEquals(64, freq.size());
        for (int c = 0; c < 64; c++) {
            assertEquals(expectedFreq.get(c).asDouble(), freq.get(c), 0);
        }
        List<Row> rows = spark.sql("SELECT * FROM visibilities WHERE ms_id = " + msId + " ORDER BY row").collectAsList();
        assertEquals(45, rows.size());
        int npols = 2;
        for (int b = 0; b < rows.size(); b++) {
            Row r = rows.get(b);
            assertEquals(64, r.getInt(r.fieldIndex("num_chan")));
            float[] vis = PackedCells.unpackFloats((byte[]) r.get(r.fieldIndex("data")));
            float[] ns = PackedCells.unpackFloats((byte[]) r.get(r.fieldIndex("weight_spectrum")));
            boolean[] flag = PackedCells.unpackFlags((byte[]) r.get(r.fieldIndex("flag")), 64 * npols);
            for (int k = 0; k < 64 * npols; k++) {
                int at = b * 64 * npols + k;
                assertEquals((float) complete.get("re").get(at).asDouble(), vis[2 * k], "blt " + b + " re " + k);
                assertEquals((float) complete.get("im").get(at).asDouble(), vis[2 * k + 1], "blt " + b + " im " + k);
                assertEquals((float) complete.get("nsamples").get(at).asDouble(), ns[k], "nsamples");
                assertEquals(complete.get("flags").get(at).asBoolean(), flag[k], "flag");
            }
        }
    }

    /** The first catalogue entry of the group in {@code dir} (as the first convert run recorded it). */
    private static Row entry(String dir) {
        List<Row> found = spark.sql("SELECT * FROM ms_history WHERE uri LIKE '%/" + dir + "/%_sbgroup'"
                + " ORDER BY committed_at").collectAsList();
        assertTrue(found.size() >= 1, "entries of " + dir);
        return found.get(0);
    }

    /** formats' group simulator (one copy, beside SubbandGroupTest). */
    private static Path script() throws IOException {
        Path p = Path.of("../formats/src/test/resources/uvh5/make_subband_group.py").toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IOException("formats' uvh5/make_subband_group.py not found at " + p);
        }
        return p;
    }
}
