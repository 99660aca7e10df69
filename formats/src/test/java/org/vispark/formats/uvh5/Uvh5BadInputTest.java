package org.vispark.formats.uvh5;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.testing.Reference;

/**
 * Broken UVH5 files (written by uvh5/make_bad_uvh5.py with h5py, or cut short here) fail with a
 * {@link Uvh5FormatException} whose message names the file and the problem.
 */
class Uvh5BadInputTest {
    @TempDir
    static Path dir;
    private static Path source;

    @BeforeAll
    static void write() throws Exception {
        source = Reference.shared().resolve("data/uvh5/ata.LoA.C0352.uvh5_60647_62965_9760406_3c286_0001.uvh5");
        Reference.python(Reference.resource("uvh5/make_bad_uvh5.py").toString(), dir.toString(), source.toString());
    }

    @Test
    void missingDatasetIsNamed() {
        Path f = dir.resolve("missing_time_array.uvh5");
        Uvh5FormatException e = assertThrows(Uvh5FormatException.class, () -> Uvh5File.open(f).close());
        assertMessage(e, f, "missing dataset /Header/time_array");
    }

    @Test
    void nonComplexVisdataIsRejected() {
        Path f = dir.resolve("float_visdata.uvh5");
        Uvh5FormatException e = assertThrows(Uvh5FormatException.class, () -> Uvh5File.open(f).close());
        assertMessage(e, f, "Data/visdata has datatype FloatingPoint");
    }

    @Test
    void flagsOfAnotherShapeAreRejected() {
        Path f = dir.resolve("flags_shape.uvh5");
        Uvh5FormatException e = assertThrows(Uvh5FormatException.class, () -> Uvh5File.open(f).close());
        assertMessage(e, f, "/Data/flags has shape [406, 15, 4]");
    }

    @Test
    void uvwOfAnotherShapeIsRejected() {
        Path f = dir.resolve("uvw_shape.uvh5");
        Uvh5FormatException e = assertThrows(Uvh5FormatException.class, () -> Uvh5File.open(f).close());
        assertMessage(e, f, "/Header/uvw_array has shape [406, 2], not (n, 3)");
    }

    @Test
    void truncatedFileFailsOnOpenOrRead() throws Exception {
        byte[] all = Files.readAllBytes(source);
        for (int keep : new int[] {100, all.length / 2, all.length - 1000}) {
            Path f = dir.resolve("truncated_" + keep + ".uvh5");
            Files.write(f, Arrays.copyOf(all, keep));
            Uvh5FormatException e = assertThrows(Uvh5FormatException.class, () -> {
                try (Uvh5File u = Uvh5File.open(f)) {
                    u.data().read(0, u.data().nblts());
                }
            }, "cut at " + keep);
            assertMessage(e, f, keep > 1000 ? "truncated" : "");
        }
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("no_such.uvh5");
        assertMessage(assertThrows(Uvh5FormatException.class, () -> Uvh5File.open(f)), f, "no such file");
    }

    private static void assertMessage(Exception e, Path file, String problem) {
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
