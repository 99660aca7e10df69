package org.vispark.jobs.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vispark.jobs.diagnose.DiagnoseJob;
import org.vispark.jobs.diagnose.DiagnoseSettings;
import org.vispark.udfs.diagnostics.Thresholds;
import org.vispark.udfs.diagnostics.Verdict;
import org.vispark.udfs.sky.CalibratorCatalogue;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vispark diagnose --lake LAKE [--calibrator NAME | --auto] [--where SQL] [--report DIR]}. Exit status 0 when
 * every selected MS was diagnosed (whatever the verdicts), 1 when some could not be, 2 for a failed run or bad
 * options.
 */
@Command(name = "diagnose", description = "Calibration diagnostics of MS in a lake, from the data themselves:"
        + " diagnostics table, verdicts and an optional HTML report.")
final class DiagnoseCommand implements Callable<Integer> {
    /** Fields listed on the console (worst first). */
    private static final int LISTED = 20;

    @Mixin
    LakeOption lake;

    static final class Choice {
        @Option(names = "--calibrator", paramLabel = "NAME", description = "judge every field against this calibrator")
        String calibrator;

        @Option(names = "--auto", description = "per field, the catalogue calibrator nearest its phase centre within"
                + " half the primary-beam FWHM (the default)")
        boolean auto;
    }

    @ArgGroup(exclusive = true)
    Choice choice;

    @Mixin
    CatalogueOption catalogue;

    @Option(names = "--thresholds", paramLabel = "FILE",
            description = "verdict limits (default: conf/diagnostics.properties of the installation)")
    Path thresholds;

    @Mixin
    DishOption dish;

    @Mixin
    WhereOption where;

    @Option(names = "--column", paramLabel = "COLUMN", defaultValue = "DATA",
            description = "judge DATA (default) or CORRECTED_DATA against MODEL_DATA")
    String column;

    @Mixin
    ReportOption report;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        DiagnoseJob.Options o;
        try {
            CalibratorCatalogue cat = CalibratorCatalogue.read(
                    catalogue.orDefault());
            Thresholds t = Thresholds.load(thresholds != null ? thresholds
                    : Installation.conf().resolve("diagnostics.properties"));
            String name = choice == null ? null : choice.calibrator;
            if (name != null) {
                cat.get(name);
            }
            o = new DiagnoseJob.Options(lake.root(), name, cat, t, dish.beam(),
                    DiagnoseSettings.defaults().withDataColumn(column), where.condition(), report.dir());
        } catch (Exception e) {
            System.err.println("diagnose: " + e.getMessage());
            return 2;
        }
        return sparkOptions.run("diagnose", spark -> {
            DiagnoseJob.Summary s = DiagnoseJob.run(spark, o, System.out);
            s.fields().stream().limit(LISTED).forEach(f -> System.out.printf(Locale.ROOT,
                    "%-4s %s field %d spw %d: calibrator %s, separation %.2f arcmin, data peak %.2f arcmin from it,"
                            + " phase_diff_scatter %.1f deg, amp_ratio %.3f%s%n",
                    f.verdict().level(), f.uri(), f.target().fieldId(), f.spw(), f.target().calibrator(),
                    f.separation_arcmin(), f.peak() == null ? Double.NaN : f.peak().offset_arcmin(),
                    f.stats().phaseDiffScatter_deg(), f.stats().ampRatio(),
                    f.verdict().reasons().isEmpty() ? "" : "; " + f.verdict().reasonText()));
            if (s.fields().size() > LISTED) {
                System.out.printf("... %d more fields and spectral windows in the diagnostics table%n",
                        s.fields().size() - LISTED);
            }
            System.out.printf(Locale.ROOT, "diagnose: %d MS selected: %d fields and spectral windows, %d FAIL, %d WARN,"
                    + " %d PASS; %d MS not diagnosed; %.1f s%n", s.selected(), s.fields().size(),
                    s.counts().get(Verdict.Level.FAIL), s.counts().get(Verdict.Level.WARN),
                    s.counts().get(Verdict.Level.PASS), s.failures().size(), s.seconds());
            s.failures().forEach(f -> System.err.println("FAILED " + f));
            return s.failures().isEmpty() ? 0 : 1;
        });
    }
}
