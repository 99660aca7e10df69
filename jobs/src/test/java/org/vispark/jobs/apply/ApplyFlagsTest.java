package org.vispark.jobs.apply;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.lake.ResultTables;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.TestData;
import org.vispark.udfs.vis.PackedCells;

/**
 * apply with a gains table whose solution of one antenna's second polarization is flagged: FLAG gains exactly the
 * values of that polarization on that antenna's baselines (CASA's calflag), every other row keeps its FLAG cell
 * byte for byte, and CORRECTED_DATA is DATA / (g_i conj(g_j)) wherever the solutions are usable.
 */
class ApplyFlagsTest {
    private static final int NANT = 6;
    private static final int BAD_ANTENNA = 2;
    private static final int BAD_POL = 1;

    @AfterAll
    static void stop() {
        TestData.spark("ApplyFlagsTest").stop();
    }

    @Test
    void flaggedSolutionsFlagTheirValuesAndNothingElse(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/cal.ms"), "--nant", String.valueOf(NANT), "--nchan", "8", "--ntime",
                "3", "--seed", "9");
        Path lakeDir = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lakeDir.toString(), ms.toString()).status());
        SparkSession spark = TestData.spark("ApplyFlagsTest");
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Lake lake = Lake.open(lakeDir.toString(), conf);
        CatalogueEntry e = Catalogue.read(lake, conf).current().values().iterator().next();
        double[][] gRe = new double[NANT][2];
        double[][] gIm = new double[NANT][2];
        List<GenericRecord> rows = new ArrayList<>();
        for (int a = 0; a < NANT; a++) {
            for (int p = 0; p < 2; p++) {
                double amp = 0.8 + 0.1 * a;
                double phase = 0.3 * a - 0.5 * p;
                gRe[a][p] = amp * Math.cos(phase);
                gIm[a][p] = amp * Math.sin(phase);
                rows.add(gain(e, a, p, gRe[a][p], gIm[a][p], a == BAD_ANTENNA && p == BAD_POL));
            }
        }
        new ResultTables(lake, conf, "20261206T000000Z0001").append(LakeTable.GAINS, rows);

        LakeViews.register(spark, lake);
        Map<String, Row> before = new HashMap<>();
        for (Row r : spark.sql("SELECT antenna1, antenna2, time, data, flag FROM visibilities").collectAsList()) {
            before.put(key(r), r);
        }
        Cli.Result applied = Cli.run("apply", "--lake", lakeDir.toString(), "--tables", "G1", "--interp", "nearest");
        assertEquals(0, applied.status(), applied.out() + applied.err());

        spark = TestData.spark("ApplyFlagsTest"); // the command stops the session it shared
        LakeViews.register(spark, Lake.open(lakeDir.toString(), spark.sparkContext().hadoopConfiguration()));
        List<Row> after = spark.sql("SELECT antenna1, antenna2, time, num_chan, num_pol, flag, corrected_data"
                + " FROM visibilities").collectAsList();
        assertEquals(before.size(), after.size());
        int touched = 0;
        int newlyFlagged = 0;
        for (Row r : after) {
            Row b = before.get(key(r));
            int a1 = r.getInt(0);
            int a2 = r.getInt(1);
            int numPol = r.getInt(4);
            int values = r.getInt(3) * numPol;
            byte[] flagBefore = (byte[]) b.get(4);
            byte[] flagAfter = (byte[]) r.get(5);
            boolean badRow = a1 == BAD_ANTENNA || a2 == BAD_ANTENNA;
            if (!badRow) {
                assertArrayEquals(flagBefore, flagAfter, "FLAG of an untouched row " + key(r));
            } else {
                touched++;
            }
            boolean[] was = PackedCells.unpackFlags(flagBefore, values);
            boolean[] is = PackedCells.unpackFlags(flagAfter, values);
            float[] data = PackedCells.unpackFloats((byte[]) b.get(3));
            float[] corrected = PackedCells.unpackFloats((byte[]) r.get(6));
            for (int k = 0; k < values; k++) {
                int p = k % numPol;
                boolean bad = badRow && p == BAD_POL;
                assertEquals(was[k] || bad, is[k], "flag " + k + " of " + key(r));
                newlyFlagged += is[k] && !was[k] ? 1 : 0;
                if (bad) {
                    continue;
                }
                // V / (g_1 conj(g_2))
                double hr = gRe[a1][p] * gRe[a2][p] + gIm[a1][p] * gIm[a2][p];
                double hi = gIm[a1][p] * gRe[a2][p] - gRe[a1][p] * gIm[a2][p];
                double hh = hr * hr + hi * hi;
                double vr = data[2 * k];
                double vi = data[2 * k + 1];
                double er = (vr * hr + vi * hi) / hh;
                double ei = (vi * hr - vr * hi) / hh;
                double tol = 1e-5 * Math.max(1e-3, Math.hypot(er, ei));
                assertEquals(er, corrected[2 * k], tol, "re " + k + " of " + key(r));
                assertEquals(ei, corrected[2 * k + 1], tol, "im " + k + " of " + key(r));
            }
        }
        assertTrue(touched > 0 && touched < after.size(), "rows of the flagged antenna: " + touched);
        assertTrue(newlyFlagged > 0, "no value newly flagged");
        assertTrue(applied.out().contains(newlyFlagged + " values flagged by flagged solutions"), applied.out());
    }

    private static String key(Row r) {
        return r.getInt(0) + "-" + r.getInt(1) + "@" + r.getDouble(2);
    }

    /** A G solution (ap, one time: nearest interpolation gives it to every row) of the MS {@code e}. */
    private static GenericRecord gain(CatalogueEntry e, int antenna, int pol, double re, double im, boolean flagged) {
        GenericRecord r = new GenericData.Record(LakeTable.GAINS.schema());
        r.put("ms_id", e.msId());
        r.put("conversion", e.conversion());
        r.put("run_id", "20261206T000000Z0001");
        r.put("table_name", "G1");
        r.put("gaintype", "G");
        r.put("calmode", "ap");
        r.put("antenna", antenna);
        r.put("antenna_name", "A" + antenna);
        r.put("pol", pol);
        r.put("spw", 0);
        r.put("channel", -1);
        r.put("time", (e.timeStart() + e.timeEnd()) / 2);
        r.put("interval", e.timeEnd() - e.timeStart());
        r.put("gain_re", re);
        r.put("gain_im", im);
        r.put("delay_ns", 0.0);
        r.put("snr", 50.0);
        r.put("flagged", flagged);
        r.put("field_id", 0);
        r.put("solved_utc", "2026-12-06T00:00:00Z");
        r.put("spw_combined", false);
        return r;
    }
}
