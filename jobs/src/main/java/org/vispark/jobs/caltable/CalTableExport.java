package org.vispark.jobs.caltable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vispark.formats.caltable.CalRow;
import org.vispark.formats.caltable.CalTable;
import org.vispark.formats.caltable.CalTableWriter;
import org.vispark.formats.ms.SpectralWindow;
import org.vispark.formats.ms.write.MsMetadata;
import org.vispark.jobs.export.LakeMetadata;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.lake.MsVersions;

/**
 * {@code vispark export-caltable}: the solutions of one gains table for one MS as a CASA calibration table
 * ({@link CalTableWriter}), so CASA's applycal can use them. G and B become "G Jones" / "B Jones" tables with
 * CPARAM, K a "K Jones" table with FPARAM (delay, ns); rows ordered by (time, spectral window, antenna), one cell of
 * [polarization, channel] per row (one channel for G and K), PARAMERR = |g| / snr (0 where snr is 0), ANTENNA2 = -1
 * (the lake does not keep the reference antenna), SCAN_NUMBER = -1. ANTENNA, FIELD, SPECTRAL_WINDOW (averaged to
 * one channel for G and K) and OBSERVATION come from the lake's metadata of the MS version solved on. A table solved
 * with combine spw has its rows under the one window they are recorded under, as CASA writes them; the summary
 * gives the {@code spwmap} CASA's applycal then needs.
 */
public final class CalTableExport {
    private CalTableExport() {}

    /** @param msId the MS whose solutions to export, or null when the table was solved on one MS only */
    public record Options(String lake, String table, Long msId, Path output, boolean overwrite) {}

    /**
     * What was written.
     *
     * @param spwmap for a table solved with combine spw, the {@code spwmap} CASA's applycal needs to apply it to every
     *               window of the MS (each window mapped to the one its solutions are recorded under); else empty
     */
    public record Summary(String msUri, String visCal, int rows, List<Integer> spwmap) {}

    public static Summary run(SparkSession spark, Options o) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Lake lake = Lake.open(o.lake(), conf);
        LakeViews.register(spark, lake);
        String table = o.table().replace("'", "''");
        List<Row> ms = spark.sql("SELECT DISTINCT ms_id, conversion FROM gains WHERE table_name = '" + table + "'")
                .collectAsList();
        if (ms.isEmpty()) {
            throw new IllegalArgumentException("gains table " + o.table() + " is not in the lake");
        }
        Row chosen = null;
        for (Row r : ms) {
            if (o.msId() == null ? ms.size() == 1 : r.getLong(0) == o.msId()) {
                chosen = r;
            }
        }
        if (chosen == null) {
            throw new IllegalArgumentException(o.msId() == null
                    ? "gains table " + o.table() + " was solved on " + ms.size() + " MS; choose one with --ms (ms_id "
                            + ms.stream().map(r -> Long.toString(r.getLong(0))).toList() + ")"
                    : "gains table " + o.table() + " has no solutions for ms_id " + o.msId());
        }
        long msId = chosen.getLong(0);
        Catalogue catalogue = Catalogue.read(lake, conf);
        CatalogueEntry entry = catalogue.get(msId);
        Map<LakeTable, List<GenericRecord>> subtables = MsVersions.currentSubtables(lake, conf, catalogue, Set.of(msId))
                .getOrDefault(msId, Map.of());
        MsMetadata meta = LakeMetadata.of(entry, subtables, null);
        List<Row> gains = spark.sql("SELECT gaintype, time, interval, field_id, spw, antenna, pol, channel, gain_re,"
                + " gain_im, delay_ns, snr, flagged, spw_combined FROM gains WHERE table_name = '" + table + "' AND ms_id = " + msId)
                .collectAsList();
        CalTable t = calTable(gains, meta, msName(entry.uri()));
        CalTableWriter.write(t, o.output(), o.overwrite());
        boolean combined = gains.stream().anyMatch(g -> !g.isNullAt(13) && g.getBoolean(13));
        List<Integer> spwmap = combined ? meta.spectralWindows().stream().map(w -> gains.get(0).getInt(4)).toList()
                : List.of();
        return new Summary(entry.uri(), t.visCal(), t.rows().size(), spwmap);
    }

    private static CalTable calTable(List<Row> gains, MsMetadata meta, String msName) {
        String type = gains.get(0).getString(0);
        boolean bandpass = type.equals("B");
        boolean delay = type.equals("K");
        int numPol = 0;
        int numChan = 1;
        // (time, spw, antenna) -> solutions
        Map<List<Double>, List<Row>> cells = new TreeMap<>((a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int c = Double.compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        for (Row g : gains) {
            numPol = Math.max(numPol, g.getInt(6) + 1);
            if (bandpass) {
                numChan = Math.max(numChan, g.getInt(7) + 1);
            }
            cells.computeIfAbsent(List.of(g.getDouble(1), (double) g.getInt(4), (double) g.getInt(5)),
                    k -> new ArrayList<>()).add(g);
        }
        List<CalRow> rows = new ArrayList<>();
        for (List<Row> cell : cells.values()) {
            int values = numPol * numChan;
            float[] params = new float[delay ? values : 2 * values];
            float[] err = new float[values];
            float[] snr = new float[values];
            boolean[] flags = new boolean[values];
            Arrays.fill(flags, true);
            for (Row g : cell) {
                int k = (bandpass ? g.getInt(7) : 0) * numPol + g.getInt(6);
                double re = g.getDouble(8);
                double im = g.getDouble(9);
                if (delay) {
                    params[k] = (float) g.getDouble(10);
                } else {
                    params[2 * k] = (float) re;
                    params[2 * k + 1] = (float) im;
                }
                double s = g.getDouble(11);
                snr[k] = (float) s;
                err[k] = s > 0 ? (float) ((delay ? 1 : Math.hypot(re, im)) / s) : 0;
                flags[k] = g.getBoolean(12);
            }
            Row first = cell.get(0);
            rows.add(new CalRow(first.getDouble(1), first.getDouble(2), first.getInt(3), first.getInt(4),
                    first.getInt(5), -1, -1, 0, params, err, flags, snr, null));
        }
        List<SpectralWindow> spws = bandpass ? meta.spectralWindows()
                : meta.spectralWindows().stream().map(CalTable::averagedWindow).toList();
        return new CalTable(type + " Jones", delay ? CalTable.FLOAT : CalTable.COMPLEX, msName, numPol, numChan, rows,
                meta.antennas(), meta.fields(), spws, meta.observations());
    }

    private static String msName(String uri) {
        String u = uri.replaceAll("/+$", "");
        return u.substring(u.lastIndexOf('/') + 1);
    }
}
