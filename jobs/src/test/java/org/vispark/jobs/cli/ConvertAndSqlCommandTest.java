package org.vispark.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/** {@code vispark convert} and {@code vispark sql} as a user runs them: arguments, output, exit status. */
class ConvertAndSqlCommandTest {
    @TempDir
    static Path tmp;
    private static Path lake;
    private static Result firstConvert;


    @BeforeAll
    static void convertOnce() throws Exception {
        TestData.makeMs(tmp.resolve("in/a.ms"), "--nant", "4", "--nchan", "4", "--ntime", "2", "--seed", "1");
        TestData.makeMs(tmp.resolve("in/b.ms"), "--nant", "5", "--nchan", "4", "--ntime", "2", "--seed", "2");
        Files.createDirectories(tmp.resolve("in/c.ms")); // no table: cannot be read
        lake = tmp.resolve("lake");
        firstConvert = Cli.run("convert", "--lake", lake.toString(), "--baseline-buckets", "2",
                tmp.resolve("in").toString() + "/*.ms");
    }

    @Test
    void convertReportsProgressAndFailsWhenAnMsFails() {
        assertEquals(1, firstConvert.status(), firstConvert.err());
        assertTrue(firstConvert.out().contains("2/2 MS done"), firstConvert.out());
        assertTrue(firstConvert.out().contains("3 MS in the inputs: 2 converted, 0 unchanged, 1 failed"),
                firstConvert.out());
        assertTrue(firstConvert.err().contains("FAILED ") && firstConvert.err().contains("c.ms"), firstConvert.err());
    }

    @Test
    void sqlPrintsCsvJsonAndTables() {
        Result csv = Cli.run("sql", "--lake", lake.toString(), "--format", "csv",
                "SELECT regexp_extract(uri, '[^/]+$', 0) AS name, status, rows FROM ms ORDER BY name");
        assertEquals(0, csv.status(), csv.err());
        assertEquals(List.of("name,status,rows", "a.ms,converted,12", "b.ms,converted,20", "c.ms,failed,"),
                csv.out().lines().toList());

        Result json = Cli.run("sql", "--lake", lake.toString(), "--format", "json",
                "SELECT count(*) AS n, count(DISTINCT bl_bucket) AS buckets FROM visibilities");
        assertEquals(0, json.status(), json.err());
        assertEquals("{\"n\":32,\"buckets\":2}", json.out().trim());

        Result table = Cli.run("sql", "--lake", lake.toString(),
                "SELECT antenna1, antenna2, vis_amp(data, num_pol, 0, 0) > 0 AS positive FROM visibilities"
                        + " WHERE bl_bucket = vis_bl_bucket(0, 1) AND antenna1 = 0 AND antenna2 = 1");
        assertEquals(0, table.status(), table.err());
        List<String> lines = table.out().lines().toList();
        assertEquals("| antenna1 | antenna2 | positive |", lines.get(1));
        assertEquals("| 0        | 1        | true     |", lines.get(3));
        assertEquals("4 row(s)", lines.get(lines.size() - 1));
    }

    @Test
    void badQueryOrMissingLakeExitsWithTwo() {
        Result bad = Cli.run("sql", "--lake", lake.toString(), "SELECT nonsense FROM visibilities");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("nonsense"), bad.err());
        Result noLake = Cli.run("sql", "--lake", tmp.resolve("nowhere").toString(), "SELECT 1");
        assertEquals(2, noLake.status());
        assertTrue(noLake.err().contains("not a vispark lake"), noLake.err());
    }
}
