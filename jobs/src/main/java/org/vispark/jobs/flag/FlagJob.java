package org.vispark.jobs.flag;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.ResultTables;
import org.vispark.jobs.lake.SelectedMs;
import org.vispark.udfs.flag.FlagSettings;

/**
 * {@code vispark flag}: RFI flags of the selected MS (AOFlagger's strategy, {@link org.vispark.udfs.flag.RfiFlagger}),
 * one Spark task per MS ({@link MsFlagger}), each MS a new version with the new FLAG committed atomically; the
 * version flagged stays in the lake (readable in the {@code visibility_history} view, kept by the next convert's
 * clean-up), and the run's statistics go to {@code flag_stats} ({@link FlagStats}).
 */
public final class FlagJob {
    private static final SecureRandom RANDOM = new SecureRandom();

    private FlagJob() {}

    /**
     * @param column DATA or CORRECTED_DATA (any case)
     * @param report directory of the HTML report ({@link FlagReport}), or null
     */
    public record Options(String lake, String where, FlagSettings settings, String column, String codec, Path report) {
        public Options {
            column = column.toLowerCase(Locale.ROOT);
            if (!column.equals("data") && !column.equals("corrected_data")) {
                throw new IllegalArgumentException("--column must be DATA or CORRECTED_DATA, not " + column);
            }
        }
    }

    /** MS selected, MS flagged, failures with reasons, rows written, values judged and newly flagged. */
    public record Summary(int selected, int flagged, List<String> failures, long rows, long judged, long newlyFlagged,
            double seconds) {}

    public static Summary run(SparkSession spark, Options o, PrintStream console) throws IOException {
        long t0 = System.nanoTime();
        SelectedMs ms = SelectedMs.select(spark, o.lake(), o.where(), false);
        console.printf(Locale.ROOT, "flag: %d MS selected; column %s%n", ms.ids().size(),
                o.column().toUpperCase(Locale.ROOT));
        SelectedMs.Current current = ms.current();
        List<FlagTask> tasks = new ArrayList<>();
        for (long id : ms.ids()) {
            CatalogueEntry e = ms.catalogue().get(id);
            tasks.add(new FlagTask(id, e.uri(), e.conversion(), RANDOM.nextLong() & Long.MAX_VALUE,
                    current.files(id), o.settings(), o.column(), current.runId(), ms.lake().layout(), o.codec()));
        }
        List<String> failures = new ArrayList<>();
        List<MsFlagger.Result> done = NewVersions.run(spark, current.newVersions(ConvertJob.VERSION), tasks,
                MsFlagger::run, t -> (table, row) -> { }, failures, "flag", console);

        List<GenericRecord> statRows = new ArrayList<>();
        for (MsFlagger.Result r : done) {
            statRows.addAll(r.stats().records(r.msId(), r.newConversion(), r.fromConversion(), current.runId(),
                    antennaNames(current.subtables(r.msId()).get(LakeTable.ANTENNAS))));
        }
        try {
            new ResultTables(ms.lake(), ms.conf(), current.runId()).append(LakeTable.FLAG_STATS, statRows);
        } finally {
            ms.lake().fs().delete(ms.lake().layout().stagingDir(current.runId()), true);
        }
        if (o.report() != null) {
            Map<Long, String> uris = new HashMap<>();
            tasks.forEach(t -> uris.put(t.msId(), t.uri()));
            FlagReport.write(o.report(), statRows, uris);
            console.printf(Locale.ROOT, "flag: report %s%n", o.report().resolve("index.html"));
        }
        return new Summary(ms.ids().size(), done.size(), failures,
                done.stream().mapToLong(MsFlagger.Result::rows).sum(),
                done.stream().mapToLong(MsFlagger.Result::judged).sum(),
                done.stream().mapToLong(MsFlagger.Result::newlyFlagged).sum(), (System.nanoTime() - t0) / 1e9);
    }

    private static Map<Integer, String> antennaNames(List<GenericRecord> antennas) {
        Map<Integer, String> names = new HashMap<>();
        if (antennas != null) {
            for (GenericRecord a : antennas) {
                names.put((Integer) a.get("antenna_id"), a.get("name").toString());
            }
        }
        return names;
    }
}
