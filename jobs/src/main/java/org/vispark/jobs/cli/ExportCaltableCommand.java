package org.vispark.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vispark.jobs.caltable.CalTableExport;
import org.vispark.jobs.lake.Lake;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vispark export-caltable --lake LAKE --table NAME [--ms ID] --output DIR [--overwrite]}. Exit status 0 when
 * written, 2 for bad options or a failure (nothing left at DIR).
 */
@Command(name = "export-caltable", description = "Write one gains table of the lake (for one MS) as a CASA"
        + " calibration table that applycal can use.")
final class ExportCaltableCommand implements Callable<Integer> {
    @Mixin
    LakeOption lake;

    @Option(names = "--table", required = true, paramLabel = "NAME", description = "the gains table")
    String table;

    @Option(names = "--ms", paramLabel = "ID", description = "ms_id of the MS solved on (needed when several were)")
    Long msId;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "the calibration table to write (local)")
    Path output;

    @Option(names = "--overwrite", description = "replace an existing table at DIR")
    boolean overwrite;

    @Mixin
    CampaignOption campaign;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        return sparkOptions.run("export-caltable", spark -> {
            campaign.select(Lake.open(lake.root(), spark.sparkContext().hadoopConfiguration()),
                    spark.sparkContext().hadoopConfiguration());
            CalTableExport.Summary s = CalTableExport.run(spark,
                    new CalTableExport.Options(lake.root(), table, msId, output, overwrite));
            System.out.printf("export-caltable: %s, %d rows of %s solved on %s%n", output, s.rows(), s.visCal(),
                    s.msUri());
            if (!s.spwmap().isEmpty()) {
                System.out.printf("export-caltable: solved with combine spw; apply it in CASA with spwmap=%s%n",
                        s.spwmap());
            }
            return 0;
        });
    }
}
