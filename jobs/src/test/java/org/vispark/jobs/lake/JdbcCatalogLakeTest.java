package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.TestData;

/**
 * A lake whose tables are in an Iceberg JDBC catalog (an H2 database, embedded), set by
 * configuration as on a cluster ({@code spark.hadoop.vispark.lake.catalog.*}): convert, rephase, diagnose and
 * {@code lake maintain} commit through it (its {@code iceberg_tables} rows name the current metadata, and no Hadoop
 * catalog's version hints are written); {@code lake.NAMESPACE.TABLE} and time travel work in {@code vispark sql}; two
 * lakes share the database in namespaces of their own; a lake opened with another catalog configuration, or sharing
 * another lake's namespace, is refused with a message saying which.
 */
class JdbcCatalogLakeTest {
    private static final String CATALOGUE = "../conf/calibrators.csv";
    private final Map<String, String> set = new HashMap<>();

    /** Configures the catalog as spark-defaults.conf or {@code -D} would: JVM properties every command reads. */
    private void configure(String key, String value) {
        String property = "spark.hadoop." + LakeCatalog.PREFIX + key;
        set.put(property, value);
        System.setProperty(property, value);
    }

    @AfterEach
    void unconfigure() {
        set.keySet().forEach(System::clearProperty);
        set.clear();
    }

    @Test
    void jobsCommitThroughAJdbcCatalogAndLakesKeepToTheirOwnNamespaces(@TempDir Path tmp) throws Exception {
        stopSharedSessions(); // a running session would keep its Hadoop configuration, without the catalog's keys
        Path ms = TestData.makeMs(tmp.resolve("in/incident.ms"), "--nant", "10", "--nchan", "8", "--ntime", "3");
        String url = h2(tmp.resolve("catalog"));
        configure("type", "jdbc");
        configure("uri", url);
        configure("namespace", "dsa110.october");
        Path lake = tmp.resolve("lake");
        run("convert", "--lake", lake.toString(), ms.toString());
        String count = "SELECT count(*) AS n FROM visibilities";
        String original = run("sql", "--lake", lake.toString(), "--format", "csv", count);
        assertEquals(original, run("sql", "--lake", lake.toString(), "--format", "csv",
                "SELECT count(*) AS n FROM lake.dsa110.october.visibilities"), "the catalog's table is the view's");
        assertTrue(Files.readString(lake.resolve("_lake.properties")).contains("catalog=jdbc"));

        // the catalog's state is in the database: one row per table, naming the lake's own metadata files
        Map<String, String> tables = icebergTables(url);
        assertTrue(tables.containsKey("dsa110.october/visibilities"), tables.toString());
        assertTrue(tables.containsKey("dsa110.october/ms"), tables.toString());
        for (String metadata : tables.values()) {
            assertTrue(metadata.startsWith(lake.toUri().toString().replace("file:///", "file:/")),
                    "metadata in the lake's directories: " + metadata);
        }
        assertFalse(Files.exists(lake.resolve("_iceberg/visibilities/metadata/version-hint.text")),
                "no Hadoop catalog wrote this lake's state");

        // a new version commits through the catalog, and the one before stays readable by snapshot
        String before = run("sql", "--lake", lake.toString(), "--format", "csv",
                "SELECT snapshot_id FROM lake.dsa110.october.ms.snapshots ORDER BY committed_at DESC LIMIT 1")
                .lines().skip(1).findFirst().orElseThrow();
        String uvw = "SELECT sum(uvw[0]) AS u FROM visibilities";
        String uvwBefore = run("sql", "--lake", lake.toString(), "--format", "csv", uvw);
        run("rephase", "--lake", lake.toString(), "--to-calibrator", "0834+555", "--catalogue", CATALOGUE);
        run("diagnose", "--lake", lake.toString(), "--calibrator", "0834+555", "--catalogue", CATALOGUE);
        assertFalse(tables.get("dsa110.october/visibilities").equals(icebergTables(url)
                .get("dsa110.october/visibilities")), "the rephase moved the catalog's pointer");
        assertFalse(uvwBefore.equals(run("sql", "--lake", lake.toString(), "--format", "csv", uvw)),
                "rephase changed UVW");
        assertEquals(uvwBefore, run("sql", "--lake", lake.toString(), "--as-of", before, "--format", "csv", uvw),
                "as of the snapshot before the rephase, the original UVW");
        assertEquals(original, run("sql", "--lake", lake.toString(), "--format", "csv", count));
        assertTrue(icebergTables(url).containsKey("dsa110.october/diagnostics"));
        Cli.Result maintain = Cli.run("lake", "maintain", lake.toString(), "--older-than", "0s");
        assertEquals(0, maintain.status(), maintain.out() + maintain.err());
        assertTrue(maintain.out().contains("snapshots expired"), maintain.out());
        assertEquals(original, run("sql", "--lake", lake.toString(), "--format", "csv", count),
                "maintenance through the catalog keeps the current rows");

        // a second lake in the same database, in a namespace of its own: both are whole
        configure("namespace", "dsa110.november");
        Path second = tmp.resolve("second");
        run("convert", "--lake", second.toString(), ms.toString());
        assertEquals(original, run("sql", "--lake", second.toString(), "--format", "csv", count));
        assertTrue(icebergTables(url).containsKey("dsa110.november/visibilities"));

        // the second lake opened with the first's namespace: its tables are another lake's
        Cli.Result wrongNamespace = Cli.run("sql", "--lake", lake.toString(), count);
        assertEquals(2, wrongNamespace.status());
        assertTrue(wrongNamespace.err().contains("namespace=dsa110.october"), wrongNamespace.err());
        configure("namespace", "dsa110.october");
        Cli.Result shared = Cli.run("sql", "--lake", second.toString(), count);
        assertEquals(2, shared.status());
        assertTrue(shared.err().contains("namespace dsa110.november"), shared.err());

        // without the catalog's configuration (the default Hadoop catalog) the lake says where its tables are
        unconfigure();
        Cli.Result hadoop = Cli.run("sql", "--lake", lake.toString(), count);
        assertEquals(2, hadoop.status());
        assertTrue(hadoop.err().contains("keeps its tables in a jdbc catalog (namespace dsa110.october)")
                && hadoop.err().contains("type=jdbc"), hadoop.err());
        Cli.Result relocate = Cli.run("lake", "relocate", lake.toString());
        assertEquals(2, relocate.status(), "relocate opens the lake with the default catalog too");
    }

    @Test
    void aCatalogThatLostTheLakesTablesIsRefusedNotFilledWithEmptyOnes(@TempDir Path tmp) throws Exception {
        stopSharedSessions();
        Path ms = TestData.makeMs(tmp.resolve("in/incident.ms"), "--nant", "6", "--nchan", "4", "--ntime", "2");
        configure("type", "jdbc");
        configure("uri", h2(tmp.resolve("catalog")));
        Path lake = tmp.resolve("lake");
        run("convert", "--lake", lake.toString(), ms.toString());
        configure("uri", h2(tmp.resolve("another"))); // another database: the lake's tables are not in it
        Cli.Result lost = Cli.run("sql", "--lake", lake.toString(), "SELECT count(*) FROM visibilities");
        assertEquals(2, lost.status());
        assertTrue(lost.err().contains("has no table") && lost.err().contains("another catalog"), lost.err());
    }

    /** The URL of an H2 database in files at {@code path}, naming tables in lower case as Iceberg's catalog does. */
    private static String h2(Path path) {
        return "jdbc:h2:file:" + path + ";DATABASE_TO_LOWER=TRUE";
    }

    /** Runs a command that must succeed; returns what it printed. */
    private static String run(String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status(), String.join(" ", args) + ": " + r.out() + r.err());
        return r.out().strip();
    }

    /** The JDBC catalog's rows: "namespace/table" to its metadata file, read with plain JDBC. */
    private static Map<String, String> icebergTables(String url) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT table_namespace, table_name, metadata_location FROM iceberg_tables"
                        + " WHERE catalog_name = 'lake'")) {
            while (r.next()) {
                out.put(r.getString(1) + "/" + r.getString(2), r.getString(3));
            }
        }
        return out;
    }

    private static void stopSharedSessions() {
        for (SparkSession s : List.of(SparkSession.getActiveSession(), SparkSession.getDefaultSession()).stream()
                .filter(scala.Option::isDefined).map(scala.Option::get).toList()) {
            s.stop();
        }
    }
}
