package org.vispark.jobs.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vispark.jobs.flag.FlagJob;
import org.vispark.udfs.flag.FlagSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vispark flag --lake LAKE [--where SQL] [--strategy FILE] [--column DATA|CORRECTED_DATA] [--report DIR]}:
 * RFI flags. Exit
 * status 0 when every selected MS was flagged, 1 when some could not be, 2 for a failed run or bad options.
 */
@Command(name = "flag", description = "Flag RFI in MS of a lake (AOFlagger's SumThreshold strategy), writing FLAG as a"
        + " new version of each MS; flag statistics go to the flag_stats table and, with --report, to an HTML report"
        + " (flagged fraction per channel and time, worst antennas).")
final class FlagCommand implements Callable<Integer> {
    @Mixin
    RewriteOptions rewrite;

    @Option(names = "--strategy", paramLabel = "FILE",
            description = "flagging settings (default: flagging.properties of the shipped conf/)")
    Path strategy;

    @Option(names = "--column", paramLabel = "COLUMN", defaultValue = "DATA",
            description = "the visibilities judged: DATA (default) or CORRECTED_DATA")
    String column;

    @Mixin
    ReportOption report;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        FlagJob.Options o;
        try {
            FlagSettings settings = FlagSettings.load(strategy != null ? strategy
                    : Installation.conf().resolve("flagging.properties"));
            o = new FlagJob.Options(rewrite.lake(), rewrite.where(), settings, column, rewrite.codec(), report.dir());
        } catch (Exception e) {
            System.err.println("flag: " + e.getMessage());
            return 2;
        }
        return sparkOptions.run("flag", spark -> {
            FlagJob.Summary s = FlagJob.run(spark, o, System.out);
            System.out.printf(Locale.ROOT, "flag: %d MS selected: %d flagged, %d failed; %d rows, %d values judged, %d"
                    + " newly flagged (%.2f %%); %.1f s%n", s.selected(), s.flagged(), s.failures().size(), s.rows(),
                    s.judged(), s.newlyFlagged(), 100.0 * s.newlyFlagged() / Math.max(1, s.judged()), s.seconds());
            s.failures().forEach(f -> System.err.println("FAILED " + f));
            return s.failures().isEmpty() ? 0 : 1;
        });
    }
}
