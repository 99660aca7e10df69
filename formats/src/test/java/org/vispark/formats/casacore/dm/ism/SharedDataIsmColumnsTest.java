package org.vispark.formats.casacore.dm.ism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.testing.Reference;

/**
 * Every IncrementalStMan column of the real Measurement Sets and calibration tables in shared/data,
 * main tables and subtables, against python-casacore's getcol/getcell.
 */
class SharedDataIsmColumnsTest {
    @TempDir
    Path dir;

    @Test
    void incrementalStManColumnsMatchPythonCasacore() throws Exception {
        Path data = Reference.shared().resolve("data");
        List<Path> tables = new ArrayList<>();
        for (String sub : new String[] {"ms", "caltables"}) {
            try (Stream<Path> s = Files.walk(data.resolve(sub))) {
                s.filter(p -> Files.isRegularFile(p.resolve("table.dat"))).sorted().forEach(tables::add);
            }
        }
        List<String> args = new ArrayList<>(List.of(Reference.resource("casacore/ism_dump.py").toString(),
                dir.toString()));
        for (Path t : tables) {
            args.add(name(data, t) + "=" + t);
        }
        Reference.python(args.toArray(new String[0]));
        JsonNode manifest = IsmExpected.manifest(dir);
        int tablesWithIsm = 0;
        int columns = 0;
        for (Path table : tables) {
            String name = name(data, table);
            JsonNode entry = manifest.get(name);
            try (Table t = Table.open(table)) {
                long ismColumns = t.columnNames().stream()
                        .filter(c -> t.dataManagerType(c).equals("IncrementalStMan")).count();
                assertEquals(ismColumns, entry.get("columns").size(), name + ": IncrementalStMan columns");
                if (ismColumns > 0) {
                    columns += IsmExpected.compare(t, dir, name, entry, 7, 30);
                    tablesWithIsm++;
                }
            }
        }
        System.out.println("IncrementalStMan: " + columns + " columns of " + tablesWithIsm + " tables match");
        assertTrue(tablesWithIsm >= 4 && columns >= 40, tablesWithIsm + " tables, " + columns + " columns");
    }

    private static String name(Path data, Path table) {
        return data.relativize(table).toString().replace('/', '~');
    }
}
