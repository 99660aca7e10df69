package org.vispark.formats.casacore.dm.ism;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.testing.Reference;

/**
 * Truncated, garbled or missing IncrementalStMan files give a {@link TableFormatException} naming the
 * file, never another exception, a hang or an attempt to allocate what the file cannot hold.
 */
class IsmCorruptInputTest {
    private static final int SCALAR_BUCKET_SIZE = 1024;

    @TempDir
    static Path dir;
    @TempDir
    Path work;

    @BeforeAll
    static void writeTables() throws Exception {
        Reference.python(Reference.resource("casacore/ism_cases.py").toString(), dir.toString());
    }

    @Test
    void truncatedDataFile() throws Exception {
        Path t = copy("scalars_little");
        Path f0 = t.resolve("table.f0");
        try (RandomAccessFile f = new RandomAccessFile(f0.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertFormatError(t, "double_fast", "table.f0");
    }

    @Test
    void fileShorterThanItsHeader() throws Exception {
        Path t = copy("scalars_little");
        try (RandomAccessFile f = new RandomAccessFile(t.resolve("table.f0").toFile(), "rw")) {
            f.setLength(30);
        }
        assertFormatError(t, "int_slow", "table.f0");
    }

    @Test
    void garbledHeaderMagic() throws Exception {
        Path t = copy("scalars_big");
        overwrite(t.resolve("table.f0"), 0, new byte[] {1, 2, 3, 4});
        assertFormatError(t, "int_slow", "table.f0");
    }

    @Test
    void garbledBucketIndexOffset() throws Exception {
        Path t = copy("scalars_little");
        byte[] word = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x0fffff00).array();
        overwrite(t.resolve("table.f0"), 512 + 5L * SCALAR_BUCKET_SIZE, word);
        TableFormatException e = assertFormatError(t, "string_fast", "table.f0");
        assertTrue(e.getMessage().contains("bucket 5"), e.getMessage());
    }

    @Test
    void garbledRowIndex() throws Exception {
        Path t = copy("scalars_little");
        Path f0 = t.resolve("table.f0");
        // the row index follows the last bucket; make its first Block's element count huge
        byte[] bytes = Files.readAllBytes(f0);
        int block = indexOf(bytes, "Block".getBytes(), (int) Files.size(f0) - 20000);
        overwrite(f0, block + 9, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
        assertFormatError(t, "double_slow", "table.f0");
    }

    @Test
    void missingIndirectArrayFile() throws Exception {
        Path t = copy("arrays_little");
        Files.delete(t.resolve("table.f0i"));
        try (Table table = Table.open(t)) {
            readAll(table, "dir_float_22"); // direct arrays do not need it
            TableColumn c = table.column("var_int");
            TableFormatException e = assertThrows(TableFormatException.class, () -> c.read(0, (int) table.rowCount()));
            assertTrue(e.getMessage().contains("table.f0i"), e.getMessage());
        }
    }

    /** Random bytes of the data file changed: every read either succeeds or fails with a TableFormatException. */
    @Test
    void randomlyGarbledBytes() throws Exception {
        Path original = dir.resolve("scalars_little");
        byte[] clean = Files.readAllBytes(original.resolve("table.f0"));
        Random random = new Random(7);
        int formatErrors = 0;
        for (int trial = 0; trial < 300; trial++) {
            Path t = copy("scalars_little");
            byte[] bytes = clean.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                // half of the changes hit the header and row index, which are small
                int at = random.nextBoolean() ? random.nextInt(bytes.length)
                        : random.nextBoolean() ? random.nextInt(512) : bytes.length - 1 - random.nextInt(20000);
                bytes[at] = (byte) random.nextInt(256);
            }
            Files.write(t.resolve("table.f0"), bytes);
            try (Table table = Table.open(t)) {
                for (String c : table.columnNames()) {
                    table.column(c).read(0, (int) table.rowCount());
                }
            } catch (TableFormatException e) {
                formatErrors++;
                assertTrue(e.getMessage().contains("table.f0"), e.getMessage());
            } catch (Exception | OutOfMemoryError e) {
                fail("trial " + trial + ": expected success or TableFormatException, got " + e, e);
            }
        }
        System.out.println("garbled ISM files: " + formatErrors + " of 300 detected");
        assertTrue(formatErrors > 30, "only " + formatErrors + " of 300 garbled files were detected");
    }

    private static void readAll(Table table, String column) throws IOException {
        table.column(column).read(0, (int) table.rowCount());
    }

    private static TableFormatException assertFormatError(Path t, String column, String fileName) throws IOException {
        TableFormatException e = assertThrows(TableFormatException.class, () -> {
            try (Table table = Table.open(t)) {
                table.column(column).read(0, (int) table.rowCount());
            }
        });
        assertTrue(e.getMessage().contains(fileName), e.getMessage());
        return e;
    }

    private Path copy(String name) throws IOException {
        Path to = Files.createTempDirectory(work, name);
        try (Stream<Path> s = Files.list(dir.resolve(name))) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }

    private static void overwrite(Path file, long position, byte[] bytes) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            f.write(bytes);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = Math.max(0, from); i + needle.length <= haystack.length; i++) {
            boolean match = true;
            for (int j = 0; j < needle.length && match; j++) {
                match = haystack[i + j] == needle[j];
            }
            if (match) {
                return i;
            }
        }
        throw new AssertionError("no " + new String(needle) + " in the file");
    }
}
