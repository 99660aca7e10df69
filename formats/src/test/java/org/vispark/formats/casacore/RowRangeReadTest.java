package org.vispark.formats.casacore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vispark.formats.casacore.dm.DataFile;
import org.vispark.formats.testing.Reference;

/**
 * A row range of one column is read without reading the rest of the storage manager's files, and
 * equals the same rows of a whole-column read.
 */
class RowRangeReadTest {
    @TempDir
    static Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"tiled", "standard"})
    void readsOnlyTheBytesOfTheRowsAskedFor(String dm) throws Exception {
        Path ms = Reference.makeMs(tmp.resolve(dm + ".ms"), "--nant", "16", "--nchan", "64", "--ntime", "40",
                "--dm", dm);
        long dataFiles;
        try (Stream<Path> s = Files.list(ms)) {
            dataFiles = s.filter(p -> p.getFileName().toString().startsWith("table.f"))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
        try (Table t = Table.open(ms)) {
            long rows = t.rowCount();
            long first = rows / 2;
            int count = (int) (rows / 40);
            for (String column : new String[] {"DATA", "FLAG", "UVW", "TIME", "ANTENNA1"}) {
                TableColumn c = t.column(column);
                long before = DataFile.totalBytesRead();
                Object part = c.read(first, count);
                long read = DataFile.totalBytesRead() - before;
                // A fortieth of the rows; allow for whole tiles/buckets at both ends and headers.
                assertTrue(read < dataFiles / 8, column + " (" + dm + "): read " + read + " bytes of " + dataFiles
                        + " for 1/40 of the rows");
                Object whole = c.read(0, (int) rows);
                int perRow = java.lang.reflect.Array.getLength(whole) / (int) rows;
                assertSlice(whole, (int) first * perRow, part);
            }
        }
    }

    private static void assertSlice(Object whole, int from, Object part) {
        int n = java.lang.reflect.Array.getLength(part);
        Object expected = java.lang.reflect.Array.newInstance(whole.getClass().getComponentType(), n);
        System.arraycopy(whole, from, expected, 0, n);
        if (part instanceof float[] f) {
            assertArrayEquals((float[]) expected, f);
        } else if (part instanceof double[] d) {
            assertArrayEquals((double[]) expected, d);
        } else if (part instanceof boolean[] b) {
            assertArrayEquals((boolean[]) expected, b);
        } else {
            assertArrayEquals((int[]) expected, (int[]) part);
        }
    }
}
