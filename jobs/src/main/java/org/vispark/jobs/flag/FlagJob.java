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
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.lake.BatchCommitter;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.lake.MsSelection;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.ResultTables;
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
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Lake lake = Lake.open(o.lake(), conf);
        LakeViews.register(spark, lake);
        Catalogue catalogue = Catalogue.read(lake, conf);
        List<Long> ids = MsSelection.converted(spark, o.where());
        console.printf(Locale.ROOT, "flag: %d MS selected; column %s%n", ids.size(),
                o.column().toUpperCase(Locale.ROOT));
        Map<Long, Map<LakeTable, List<GenericRecord>>> subtables =
                MsVersions.currentSubtables(lake, conf, catalogue, Set.copyOf(ids));
        Map<Long, List<String>> files = MsVersions.visibilityFiles(lake, catalogue);
        String runId = BatchCommitter.newRunId();
        List<FlagTask> tasks = new ArrayList<>();
        for (long id : ids) {
            CatalogueEntry e = catalogue.get(id);
            tasks.add(new FlagTask(id, e.uri(), e.conversion(), RANDOM.nextLong() & Long.MAX_VALUE,
                    files.getOrDefault(id, List.of()), o.settings(), o.column(), runId, lake.layout(), o.codec()));
        }
        List<String> failures = new ArrayList<>();
        List<MsFlagger.Result> done = NewVersions.run(spark, new NewVersions.Run(lake, conf, catalogue, runId,
                subtables, ConvertJob.VERSION), tasks, MsFlagger::run, t -> (table, row) -> { }, failures, "flag",
                console);

        List<GenericRecord> statRows = new ArrayList<>();
        for (MsFlagger.Result r : done) {
            statRows.addAll(r.stats().records(r.msId(), r.newConversion(), r.fromConversion(), runId,
                    antennaNames(subtables.getOrDefault(r.msId(), Map.of()).get(LakeTable.ANTENNAS))));
        }
        try {
            new ResultTables(lake, conf, runId).append(LakeTable.FLAG_STATS, statRows);
        } finally {
            lake.fs().delete(lake.layout().stagingDir(runId), true);
        }
        if (o.report() != null) {
            Map<Long, String> uris = new HashMap<>();
            tasks.forEach(t -> uris.put(t.msId(), t.uri()));
            FlagReport.write(o.report(), statRows, uris);
            console.printf(Locale.ROOT, "flag: report %s%n", o.report().resolve("index.html"));
        }
        return new Summary(ids.size(), done.size(), failures, done.stream().mapToLong(MsFlagger.Result::rows).sum(),
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
