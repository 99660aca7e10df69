package org.vispark.formats.uvh5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.testing.Reference;

/**
 * DSA-110 subband groups: grouping by the names' timestamps within the tolerance, missing subbands,
 * and a group written by uvh5/make_subband_group.py with h5py (16 shuffled files, jittered timestamps,
 * descending channels) read as one source equal to numpy's concatenation in ascending frequency; a
 * group of mixed shapes fails naming the odd file.
 */
class SubbandGroupTest {
    @TempDir
    Path dir;

    @Test
    void groupsByTimestampWithinTolerance() {
        List<Path> paths = new ArrayList<>();
        Random rnd = new Random(3);
        for (int sb = 0; sb < 16; sb++) {
            paths.add(dir.resolve(String.format("2025-03-01T06:00:%02d_sb%02d.hdf5", rnd.nextInt(55), sb)));
            if (sb != 3 && sb != 7) {
                paths.add(dir.resolve(String.format("2025-03-01T06:05:%02d_sb%02d.hdf5", rnd.nextInt(55), sb)));
            }
        }
        paths.add(dir.resolve("notes.txt"));
        paths.add(dir.resolve("2025-03-01T06:00:00_sb1.hdf5"));
        Collections.shuffle(paths, rnd);

        SubbandGroup.Grouping g = SubbandGroup.group(paths, SubbandGroup.DEFAULT_TOLERANCE, SubbandGroup.DSA110_SUBBANDS);
        assertEquals(2, g.groups().size());
        assertEquals(2, g.unmatched().size());
        SubbandGroup first = g.groups().get(0);
        SubbandGroup second = g.groups().get(1);
        assertTrue(first.isComplete());
        assertEquals(16, first.files().size());
        assertTrue(first.files().stream().allMatch(f -> f.path().getFileName().toString().startsWith("2025-03-01T06:00")));
        for (int sb = 0; sb < 16; sb++) {
            assertEquals(sb, first.files().get(sb).subband(), "files ordered by subband");
        }
        assertEquals(List.of(3, 7), second.missingSubbands());
        assertTrue(second.files().stream().allMatch(f -> f.path().getFileName().toString().startsWith("2025-03-01T06:05")));
    }

    @Test
    void aRepeatedSubbandStartsAnotherGroup() {
        List<Path> paths = List.of(dir.resolve("2025-03-01T06:00:00_sb00.hdf5"),
                dir.resolve("2025-03-01T06:00:10_sb01.hdf5"), dir.resolve("2025-03-01T06:00:20_sb00.hdf5"));
        SubbandGroup.Grouping g = SubbandGroup.group(paths, Duration.ofSeconds(60), 2);
        assertEquals(2, g.groups().size());
        assertTrue(g.groups().get(0).isComplete());
        assertEquals(List.of(1), g.groups().get(1).missingSubbands());
    }

    @Test
    void groupReadsAsOneSourceInAscendingFrequency() throws Exception {
        JsonNode ref = Reference.pythonJson(Reference.resource("uvh5/make_subband_group.py"), dir.toString());
        List<Path> files = new ArrayList<>();
        ref.get("files").forEach(f -> files.add(Path.of(f.asText())));
        SubbandGroup.Grouping g = SubbandGroup.group(files, SubbandGroup.DEFAULT_TOLERANCE, SubbandGroup.DSA110_SUBBANDS);
        assertEquals(1, g.groups().size());
        try (Uvh5Group group = Uvh5Group.open(g.groups().get(0))) {
            Uvh5Header h = group.header();
            assertEquals(64, h.nfreqs());
            assertEquals(1, h.nspws());
            double[] freq = doubles(ref.get("freq_hz"));
            assertArrayEquals(freq, h.freq_hz());
            for (double w : h.channelWidth_hz()) {
                assertEquals(244140.625, w);
            }
            double[] re = doubles(ref.get("re"));
            double[] im = doubles(ref.get("im"));
            double[] ns = doubles(ref.get("nsamples"));
            int per = h.nfreqs() * h.npols();
            Uvh5Rows last = null;
            for (int first = 0; first < h.nblts(); first += 7) {
                // every other range into the arrays of the one before (as convert reads), the others fresh
                Uvh5Rows reuse = first % 14 == 7 ? last : null;
                Uvh5Rows rows = group.read(first, Math.min(7, h.nblts() - first), reuse);
                if (reuse != null && rows.nblts() == reuse.nblts()) {
                    assertSame(reuse.vis(), rows.vis(), "arrays reused");
                }
                last = rows;
                for (int k = 0; k < rows.nblts() * per; k++) {
                    int at = first * per + k;
                    assertEquals((float) re[at], rows.vis()[2 * k], "re " + at);
                    assertEquals((float) im[at], rows.vis()[2 * k + 1], "im " + at);
                    assertEquals((float) ns[at], rows.nsamples()[k], "nsamples " + at);
                    assertEquals(ref.get("flags").get(at).asBoolean(), rows.flags()[k], "flags " + at);
                }
            }
        }
    }

    @Test
    void missingSubbandsAreFlaggedOnTheGridOnlyWhenAsked() throws Exception {
        Path all = Files.createDirectories(dir.resolve("all"));
        Path some = Files.createDirectories(dir.resolve("some"));
        JsonNode ref = Reference.pythonJson(Reference.resource("uvh5/make_subband_group.py"), all.toString());
        JsonNode part = Reference.pythonJson(Reference.resource("uvh5/make_subband_group.py"), some.toString(),
                "--drop", "3,7");
        List<Path> files = new ArrayList<>();
        part.get("files").forEach(f -> files.add(Path.of(f.asText())));
        SubbandGroup group = SubbandGroup.group(files, SubbandGroup.DEFAULT_TOLERANCE, 16).groups().get(0);
        assertEquals(List.of(3, 7), group.missingSubbands());
        Uvh5FormatException e = assertThrows(Uvh5FormatException.class, () -> Uvh5Group.open(group).close());
        assertTrue(e.getMessage().contains("lacks subbands [3, 7]"), e.getMessage());

        double[] freq = doubles(ref.get("freq_hz"));
        double[] presentFreq = doubles(part.get("freq_hz"));
        try (Uvh5Group g = Uvh5Group.open(group, true)) {
            Uvh5Header h = g.header();
            assertEquals(64, h.nfreqs());
            assertArrayEquals(freq, h.freq_hz(), 1e-3);
            Uvh5Rows whole = g.read(0, h.nblts());
            // ranges of 2 blts, each into the arrays of the range before: the missing channels are set again
            Uvh5Rows before = null;
            for (int first = 0; first < h.nblts(); first += 2) {
                Uvh5Rows range = g.read(first, Math.min(2, h.nblts() - first), before);
                for (int k = 0; k < range.flags().length; k++) {
                    int at = first * 64 * 2 + k;
                    assertEquals(whole.vis()[2 * at], range.vis()[2 * k], "re " + at + " read by range");
                    assertEquals(whole.vis()[2 * at + 1], range.vis()[2 * k + 1], "im " + at + " read by range");
                    assertEquals(whole.flags()[at], range.flags()[k], "flags " + at + " read by range");
                    assertEquals(whole.nsamples()[at], range.nsamples()[k], "nsamples " + at + " read by range");
                }
                before = range;
            }
            Uvh5Rows rows = whole;
            int npols = 2;
            for (int b = 0; b < h.nblts(); b++) {
                for (int c = 0; c < 64; c++) {
                    double f = h.freq_hz()[c];
                    boolean present = java.util.Arrays.stream(presentFreq).anyMatch(x -> Math.abs(x - f) < 1e-3);
                    for (int p = 0; p < npols; p++) {
                        int k = rows.index(b, c, p);
                        if (present) {
                            assertEquals((float) ref.get("re").get(k).asDouble(), rows.vis()[2 * k], "re " + k);
                            assertEquals(ref.get("flags").get(k).asBoolean(), rows.flags()[k], "flags " + k);
                        } else {
                            assertTrue(rows.flags()[k], "missing channel flagged");
                            assertEquals(0f, rows.vis()[2 * k]);
                            assertEquals(0f, rows.nsamples()[k]);
                        }
                    }
                }
            }
            assertEquals(56, java.util.Arrays.stream(h.freq_hz())
                    .filter(f -> java.util.Arrays.stream(presentFreq).anyMatch(x -> Math.abs(x - f) < 1e-3)).count());
        }
    }

    @Test
    void mixedShapesFailNamingTheFile() throws Exception {
        JsonNode ref = Reference.pythonJson(Reference.resource("uvh5/make_subband_group.py"), dir.toString(),
                "--npols-of", "5");
        List<Path> files = new ArrayList<>();
        ref.get("files").forEach(f -> files.add(Path.of(f.asText())));
        SubbandGroup group = SubbandGroup.group(files, SubbandGroup.DEFAULT_TOLERANCE, 16).groups().get(0);
        Uvh5FormatException e = assertThrows(Uvh5FormatException.class, () -> Uvh5Group.open(group).close());
        assertTrue(e.getMessage().contains("_sb05.hdf5: has polarizations [-5]"), e.getMessage());
        assertTrue(Files.exists(files.get(0)));
    }

    private static double[] doubles(JsonNode n) {
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asDouble();
        }
        return out;
    }
}
