package org.vispark.formats.casacore.dm.ism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;
import org.vispark.formats.testing.Reference;

/**
 * IncrementalStMan tables written by python-casacore ({@code ism_cases.py}): every scalar type,
 * direct, indirect fixed-shape and variable-shape arrays, values changing every few rows and values
 * constant over thousands of rows, small buckets (hundreds of them), both byte orders; read back and
 * compared with what python-casacore reads.
 */
class IncrementalStManTest {
    @TempDir
    static Path dir;
    static JsonNode manifest;

    @BeforeAll
    static void writeTables() throws Exception {
        Reference.python(Reference.resource("casacore/ism_cases.py").toString(), dir.toString());
        manifest = IsmExpected.manifest(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scalars_little", "scalars_big", "arrays_little", "arrays_big"})
    void readsWhatPythonCasacoreReads(String name) throws Exception {
        try (Table t = Table.open(dir.resolve(name))) {
            assertEquals(name.endsWith("big") ? "BIG_ENDIAN" : "LITTLE_ENDIAN", t.byteOrder().toString());
            for (String c : t.columnNames()) {
                assertEquals("IncrementalStMan", t.dataManagerType(c), c);
            }
            int columns = IsmExpected.compare(t, dir, name, manifest.get(name), 97, 60);
            assertEquals(t.columnNames().size(), columns);
        }
    }

    @Test
    void tablesHaveManyBuckets() throws Exception {
        for (String name : new String[] {"scalars_little", "arrays_big"}) {
            long size = Files.size(dir.resolve(name).resolve("table.f0"));
            int bucketSize = name.startsWith("scalars") ? 1024 : 4096;
            assertTrue(size / bucketSize > 20, name + ": only " + size / bucketSize + " buckets");
        }
    }

    @Test
    void millionRowScalarColumnsReadInBulk() throws Exception {
        String name = "big_little";
        try (Table t = Table.open(dir.resolve(name))) {
            for (String c : new String[] {"TIME", "SCAN_NUMBER", "FLAG_ROW"}) {
                TableColumn col = t.column(c);
                col.read(0, (int) t.rowCount()); // warm-up
                long t0 = System.nanoTime();
                col.read(0, (int) t.rowCount());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.println(name + "." + c + ": " + t.rowCount() + " rows in " + ms + " ms");
                assertTrue(ms < 2000, c + ": " + ms + " ms for a million rows");
            }
            IsmExpected.compare(t, dir, name, manifest.get(name), 65_536, 20);
        }
    }
}
