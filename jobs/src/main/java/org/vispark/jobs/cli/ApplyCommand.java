package org.vispark.jobs.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vispark.jobs.apply.ApplyJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vispark apply --lake LAKE --tables NAME,... [--interp nearest|linear] [--where SQL]}: CORRECTED_DATA. Exit
 * status 0 when every selected MS was corrected, 1 when some could not be, 2 for a failed run or bad options.
 */
@Command(name = "apply", description = "Write CORRECTED_DATA of MS in a lake from gains tables, as a new version of each"
        + " MS; tables solved on other MS (calibrators) apply by time.")
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    RewriteOptions rewrite;

    @Option(names = "--tables", required = true, paramLabel = "NAMES", split = ",",
            description = "gains tables to apply, in order")
    List<String> tables;

    @Mixin
    InterpOption interp;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        ApplyJob.Options o;
        try {
            o = new ApplyJob.Options(rewrite.lake(), tables, interp.mode(), rewrite.where(), rewrite.codec());
        } catch (Exception e) {
            System.err.println("apply: " + e.getMessage());
            return 2;
        }
        return sparkOptions.run("apply", spark -> {
            ApplyJob.Summary s = ApplyJob.run(spark, o, System.out);
            System.out.printf(Locale.ROOT, "apply: %d MS selected: %d corrected, %d failed; %d rows, %d values flagged by"
                    + " flagged solutions; %.1f s%n", s.selected(), s.applied(), s.failures().size(), s.rows(),
                    s.newlyFlagged(), s.seconds());
            s.failures().forEach(f -> System.err.println("FAILED " + f));
            return s.failures().isEmpty() ? 0 : 1;
        });
    }
}
