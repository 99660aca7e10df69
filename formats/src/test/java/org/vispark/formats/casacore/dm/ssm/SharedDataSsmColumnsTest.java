package org.vispark.formats.casacore.dm.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.Table;

/**
 * Every StandardStMan column of the real Measurement Sets and calibration tables in shared/data,
 * and of all their subtables, against python-casacore.
 */
class SharedDataSsmColumnsTest {
    private static final Path DATA = Path.of("/work/shared/data");

    @TempDir
    Path dir;

    static Stream<Path> tables() throws IOException {
        List<Path> tables = new ArrayList<>();
        for (String sub : new String[] {"ms", "caltables"}) {
            Path d = DATA.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> Files.exists(p.resolve("table.dat"))).sorted().forEach(tables::add);
                }
            }
        }
        return tables.stream();
    }

    @ParameterizedTest
    @MethodSource("tables")
    void standardStManColumnsMatchPythonCasacore(Path table) throws Exception {
        Path expected = dir.resolve("expected");
        SsmExpected.python(dir, "--dump-ssm", table.toString(), expected.toString());
        int[] counts = new int[2]; // tables, columns
        try (Table t = Table.open(table)) {
            compareTree(t, expected, counts);
        }
        assertTrue(counts[1] > 0, table + ": no StandardStMan column compared");
        assertTrue(counts[0] > 1, table + ": subtables compared too");
    }

    /** Compares a table's dumped columns and, recursively, those of the subtables python dumped. */
    private static void compareTree(Table t, Path expected, int[] counts) throws IOException {
        int columns = SsmExpected.compare(t, expected, 5);
        long ssmColumns = t.columnNames().stream()
                .filter(c -> t.dataManagerType(c).equals("StandardStMan") && t.columnDesc(c).dataType() != DataType.RECORD)
                .count();
        assertEquals(ssmColumns, columns, "StandardStMan columns of " + t.path());
        counts[0]++;
        counts[1] += columns;
        for (String keyword : t.subtableKeywords()) {
            Path sub = expected.resolve(keyword);
            if (Files.isDirectory(sub)) {
                try (Table s = t.subtable(keyword)) {
                    compareTree(s, sub, counts);
                }
            }
        }
    }
}
