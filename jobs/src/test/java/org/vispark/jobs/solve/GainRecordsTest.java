package org.vispark.jobs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.lake.ResultTables;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.TestData;
import org.vispark.udfs.solve.GainType;
import org.vispark.udfs.solve.Solution;

/**
 * {@link GainRecords#read} gives what the {@code gains} view shows: per (MS, table) the newest run's solutions, of MS
 * the catalogue has as converted, tables in the order asked.
 */
class GainRecordsTest {
    private static final Comparator<Solution> ORDER = Comparator.comparingDouble(Solution::time_mjdSec)
            .thenComparingInt(Solution::antenna).thenComparingInt(Solution::pol).thenComparingInt(Solution::channel);

    @AfterAll
    static void stop() {
        TestData.spark("GainRecordsTest").stop();
    }

    @Test
    void readsTheNewestRunOfEachConvertedMsAsTheViewShowsIt(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/a.ms"), "--nant", "5", "--nchan", "4", "--ntime", "2");
        Path lakeDir = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lakeDir.toString(), ms.toString()).status());
        SparkSession spark = TestData.spark("GainRecordsTest");
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Lake lake = Lake.open(lakeDir.toString(), conf);
        Catalogue catalogue = Catalogue.read(lake, conf);
        long msId = catalogue.current().keySet().iterator().next();
        long conversion = catalogue.get(msId).conversion();
        long unknownMs = msId + 1; // solutions of an MS the catalogue does not have: the view hides them

        // G0 solved twice (the later run's solutions differ), K0 once; B0 written for the unknown MS only
        write(lake, conf, "20261201T000000Z0001", msId, conversion, "G0", GainType.G, 1.0);
        write(lake, conf, "20261202T000000Z0001", msId, conversion, "G0", GainType.G, 2.0);
        write(lake, conf, "20261201T120000Z0001", msId, conversion, "K0", GainType.K, 3.0);
        write(lake, conf, "20261203T000000Z0001", unknownMs, conversion, "G0", GainType.G, 4.0);
        write(lake, conf, "20261203T000000Z0002", unknownMs, conversion, "B0", GainType.B, 5.0);

        Map<Long, List<PreTable>> read = GainRecords.read(lake, catalogue, conf, List.of("K0", "G0"));
        assertEquals(List.of(msId), List.copyOf(read.keySet()));
        List<PreTable> tables = read.get(msId);
        assertEquals(List.of("K0", "G0"), tables.stream().map(PreTable::name).toList());
        assertEquals(List.of(GainType.K, GainType.G), tables.stream().map(PreTable::type).toList());

        LakeViews.register(spark, lake);
        for (PreTable t : tables) {
            List<Row> rows = spark.sql("SELECT antenna, pol, spw, channel, time, gain_re, gain_im, delay_ns, snr,"
                    + " flagged FROM gains WHERE ms_id = " + msId + " AND table_name = '" + t.name() + "'")
                    .collectAsList();
            List<Solution> view = new ArrayList<>();
            for (Row r : rows) {
                view.add(new Solution(r.getInt(0), r.getInt(1), r.getInt(2), r.getInt(3), r.getDouble(4),
                        r.getDouble(5), r.getDouble(6), r.getDouble(7), r.getDouble(8), r.getBoolean(9)));
            }
            assertEquals(sorted(view), sorted(t.solutions()), t.name());
        }
        assertEquals(2.0, tables.get(1).solutions().get(0).gain_re(), "G0 of the newer run");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GainRecords.read(lake, catalogue, conf, List.of("G0", "B0")));
        assertEquals("gains table B0 is not in the lake (solve it first)", e.getMessage());
    }

    /** One run's table: 5 antennas x 2 polarizations x 2 times, gain_re {@code value}, antenna 2's flagged. */
    private static void write(Lake lake, Configuration conf, String runId, long msId, long conversion, String name,
            GainType type, double value) throws Exception {
        GainRecords.Source src = new GainRecords.Source(msId, conversion, runId, name, type, "ap", false,
                "2026-12-01T00:00:00Z");
        List<GenericRecord> rows = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            for (int ant = 0; ant < 5; ant++) {
                for (int pol = 0; pol < 2; pol++) {
                    Solution s = new Solution(ant, pol, 0, type == GainType.B ? 1 : -1, 5.0e9 + 10 * t, value,
                            0.1 * ant - pol, type == GainType.K ? 1.5 * ant : 0, 20 + ant, ant == 2);
                    rows.add(GainRecords.record(src, s, 0, 10, "A" + ant));
                }
            }
        }
        new ResultTables(lake, conf, runId).append(LakeTable.GAINS, rows);
    }

    private static List<Solution> sorted(List<Solution> s) {
        List<Solution> out = new ArrayList<>(s);
        out.sort(ORDER);
        return out;
    }
}
