package org.vispark.formats.casacore.dm.tiled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.testing.Reference;

/** Tables written by python-casacore with the tiled storage managers, read back by vispark. */
class TiledStManTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeCases() throws Exception {
        TsmCases.runScript(dir.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"column_le", "column_be", "types_le", "types_be", "shape_le", "shape_be",
        "shapefixed_le", "shapefixed_be", "cell_le", "cell_be", "coords_le", "coords_be"})
    void readsWhatPythonCasacoreReads(String name) throws IOException {
        Path table = dir.resolve(name + ".tab");
        Path expected = dir.resolve(name + ".expected");
        for (int chunk : new int[] {1, 3, 8}) {
            assertTrue(TsmCases.compare(table, expected, chunk) > 0);
        }
    }

    @Test
    void bindsTheThreeManagers() throws IOException {
        try (Table c = Table.open(dir.resolve("column_le.tab"));
                Table s = Table.open(dir.resolve("shape_be.tab"));
                Table x = Table.open(dir.resolve("cell_le.tab"))) {
            assertEquals("TiledColumnStMan", c.column("CDATA").dataManagerType());
            assertEquals("TiledShapeStMan", s.column("VDATA").dataManagerType());
            assertEquals("TiledCellStMan", x.column("CELLF").dataManagerType());
        }
    }

    @Test
    void measurementSetFromMakeMs() throws Exception {
        Path ms = dir.resolve("small.ms");
        Reference.makeMs(ms, "--dm", "tiled", "--nant", "8", "--nchan", "13", "--ntime", "5");
        Path expected = dir.resolve("small.expected");
        TsmCases.runScript("--dump", ms.toString(), expected.toString(), "DATA", "MODEL_DATA");
        assertEquals(2, TsmCases.compare(ms, expected, 11));
        try (Table t = Table.open(ms)) {
            TableColumn data = t.column("DATA");
            assertEquals("TiledColumnStMan", data.dataManagerType());
            assertEquals(8 * 7 / 2 * 5, t.rowCount()); // cross-correlation baselines * times
        }
    }

    @Test
    void truncatedTileFileIsReportedWithItsName() throws IOException {
        Path copy = copyTable(dir.resolve("column_le.tab"), dir.resolve("truncated.tab"));
        Path tiles = copy.resolve("table.f0_TSM0");
        try (FileChannel ch = FileChannel.open(tiles, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 1);
        }
        TableFormatException e = assertThrows(TableFormatException.class, () -> readAll(copy, "CDATA"));
        assertTrue(e.getMessage().contains("table.f0_TSM0"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void missingTileFileIsReportedWithItsName() throws IOException {
        Path copy = copyTable(dir.resolve("shape_le.tab"), dir.resolve("missing.tab"));
        Files.delete(copy.resolve("table.f0_TSM1"));
        TableFormatException e = assertThrows(TableFormatException.class, () -> readAll(copy, "VDATA"));
        assertTrue(e.getMessage().contains("table.f0_TSM1"), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    /**
     * Every single-byte corruption of a header either still reads or gives a TableFormatException
     * naming a file of the table; never another exception, an endless loop or an out-of-memory.
     */
    @ParameterizedTest
    @ValueSource(strings = {"shape_le", "cell_be", "coords_le"})
    void garbledHeaderBytesGiveTableFormatExceptions(String name) throws IOException {
        Path copy = copyTable(dir.resolve(name + ".tab"), dir.resolve(name + ".garbled"));
        Path header = copy.resolve("table.f0");
        byte[] original = Files.readAllBytes(header);
        int failures = 0;
        for (int pos = 0; pos < original.length; pos++) {
            for (byte value : new byte[] {(byte) 0xff, 0x7f, 0x00, (byte) (original[pos] ^ 0x01)}) {
                byte[] bytes = original.clone();
                bytes[pos] = value;
                Files.write(header, bytes);
                try (Table t = Table.open(copy)) {
                    for (String column : t.columnNames()) {
                        TableColumn c = t.column(column);
                        for (long r = 0; r < t.rowCount(); r++) {
                            c.shape(r);
                        }
                        c.read(0, (int) t.rowCount());
                    }
                } catch (TableFormatException e) {
                    assertTrue(e.getMessage().contains(copy.toString()), e.getMessage());
                    failures++;
                }
            }
        }
        assertTrue(failures > original.length, "most corruptions should be detected, got " + failures);
    }

    private static void readAll(Path table, String column) throws IOException {
        try (Table t = Table.open(table)) {
            t.column(column).read(0, (int) t.rowCount());
        }
    }

    @Test
    void truncatedHeaderIsReportedWithItsName() throws IOException {
        Path copy = copyTable(dir.resolve("shape_be.tab"), dir.resolve("badheader.tab"));
        Path header = copy.resolve("table.f0");
        byte[] bytes = Files.readAllBytes(header);
        for (int cut : new int[] {bytes.length - 9, bytes.length / 2, 20}) {
            Files.write(header, Arrays.copyOf(bytes, cut));
            try (Table t = Table.open(copy)) {
                TableFormatException e = assertThrows(TableFormatException.class, () -> t.column("VDATA"));
                assertTrue(e.getMessage().contains("table.f0"), e.getMessage());
            }
        }
    }

    private static Path copyTable(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
        return to;
    }
}
