package org.vispark.jobs.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vispark.jobs.export.ExportJob;
import org.vispark.jobs.lake.Lake;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vispark export-ms --lake LAKE (--ms ID | --where SQL) --output DIR [--columns ...] [--overwrite]}. Exit
 * status 0 when every selected MS was written, 1 when some failed, 2 for bad options (an unknown id, an unusable
 * output directory) or a failed run.
 */
@Command(name = "export-ms", description = "Write MS of a lake back as Measurement Sets for CASA and wsclean, one per"
        + " selected MS, named after the source MS, into a local or shared POSIX directory.")
final class ExportMsCommand implements Callable<Integer> {

    @Mixin
    LakeOption lake;

    static final class Selection {
        @Option(names = "--ms", paramLabel = "ID", description = "one MS by its ms_id")
        Long msId;

        @Option(names = "--where", paramLabel = "SQL", description = "condition on the ms table selecting the MS")
        String where;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "directory the MS are written into (created if missing; local or shared file system)")
    String output;

    @Option(names = "--columns", paramLabel = "COLUMNS",
            description = "data columns: DATA (always written), MODEL_DATA, CORRECTED_DATA (default: those the lake has)")
    String columns;

    @Option(names = "--overwrite", description = "replace MS of the same name in the output directory")
    boolean overwrite;

    @Mixin
    CampaignOption campaign;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        ExportJob.Options o;
        try {
            List<String> cols = columns == null ? null : Arrays.stream(columns.split(","))
                    .map(c -> c.strip().toUpperCase(Locale.ROOT)).filter(c -> !c.isEmpty()).toList();
            o = new ExportJob.Options(lake.root(), selection.msId, selection.where, output, cols, overwrite);
        } catch (Exception e) {
            System.err.println("export-ms: " + e.getMessage());
            return 2;
        }
        return sparkOptions.run("export-ms", spark -> {
            campaign.select(Lake.open(lake.root(), spark.sparkContext().hadoopConfiguration()),
                    spark.sparkContext().hadoopConfiguration());
            ExportJob.Summary s = ExportJob.run(spark, o, System.out);
            System.out.printf(Locale.ROOT, "export-ms: %d MS selected: %d written, %d failed; %d rows, %.1f MB,"
                    + " %.1f s%n", s.selected(), s.written().size(), s.failures().size(), s.rows(), s.bytes() / 1e6,
                    s.seconds());
            s.written().forEach(w -> System.out.println("wrote " + w));
            s.failures().forEach(f -> System.err.println("FAILED " + f));
            return s.failures().isEmpty() ? 0 : 1;
        });
    }
}
