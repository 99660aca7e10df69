package org.vispark.jobs.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vispark.jobs.rephase.RephaseJob;
import org.vispark.jobs.rephase.RephaseOptions;
import org.vispark.jobs.rephase.RephaseSummary;
import org.vispark.udfs.astro.DirectionParser;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.sky.CalibratorCatalogue;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vispark rephase --lake LAKE (--to DIRECTION | --to-calibrator NAME) [--where SQL] [--columns ...]}.
 * Exit status 0 when every selected MS is at the target (rephased or already within tolerance), 1 when some
 * could not be rephased, 2 when the run itself failed or the options are wrong.
 */
@Command(name = "rephase", description = "Move the visibilities of MS in a lake to a new J2000 phase centre"
        + " (UVW rotation and phase factor, per row), as a new version of each MS.")
final class RephaseCommand implements Callable<Integer> {

    @Mixin
    RewriteOptions rewrite;

    static final class Target {
        @Option(names = "--to", paramLabel = "DIRECTION",
                description = "new phase centre, e.g. 'J2000 08h34m54.90s +55d34m21.00s' or 'J2000 128.7287deg 55.5725deg'")
        String direction;

        @Option(names = "--to-calibrator", paramLabel = "NAME", description = "new phase centre from the calibrator catalogue")
        String calibrator;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--columns", paramLabel = "COLUMNS", defaultValue = "DATA,MODEL_DATA,CORRECTED_DATA",
            description = "complex columns to rephase (default ${DEFAULT-VALUE}; absent ones are skipped)")
    String columns;

    @Option(names = "--tolerance-arcmin", paramLabel = "ARCMIN", defaultValue = "0.001",
            description = "leave MS whose phase centre is within this of the target (default ${DEFAULT-VALUE})")
    double toleranceArcmin;

    @Mixin
    CatalogueOption catalogue;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        RephaseOptions o;
        try {
            RaDec to;
            String label;
            if (target.direction != null) {
                to = DirectionParser.parse(target.direction);
                label = "'" + target.direction + "'";
            } else {
                to = CalibratorCatalogue.read(catalogue.orDefault())
                        .position(target.calibrator);
                label = "calibrator " + target.calibrator;
            }
            List<String> cols = Arrays.stream(columns.split(",")).map(c -> c.strip().toLowerCase(Locale.ROOT))
                    .filter(c -> !c.isEmpty()).toList();
            o = new RephaseOptions(rewrite.lake(), to, label, rewrite.where(), cols, toleranceArcmin, rewrite.codec());
        } catch (Exception e) {
            System.err.println("rephase: " + e.getMessage());
            return 2;
        }
        return sparkOptions.run("rephase", spark -> {
            RephaseSummary s = RephaseJob.run(spark, o, out);
            out.printf(Locale.ROOT, "rephase: %d MS selected: %d rephased, %d already within %s arcmin, %d failed;"
                    + " %d rows, %.1f s%n", s.selected(), s.rephased(), s.withinTolerance().size(), String.valueOf(o.toleranceArcmin()),
                    s.failures().size(), s.rows(), s.seconds());
            for (String f : s.failures()) {
                System.err.println("FAILED " + f);
            }
            return s.ok() ? 0 : 1;
        });
    }
}
