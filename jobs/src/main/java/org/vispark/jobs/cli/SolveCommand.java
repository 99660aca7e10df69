package org.vispark.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vispark.jobs.solve.Combine;
import org.vispark.jobs.solve.Solint;
import org.vispark.jobs.solve.SolveJob;
import org.vispark.udfs.solve.CalMode;
import org.vispark.udfs.solve.GainType;
import org.vispark.udfs.solve.SolveOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vispark solve --lake LAKE --table NAME --gaintype K|G|B [--calmode p|ap] [--solint ...] [--refant ...]
 * [--minsnr ...] [--minblperant ...] [--combine ...] [--solnorm] [--pre NAME,...] [--where SQL] [--plots DIR]}. Exit
 * status 0 when every selected MS was solved (flagged solutions included), 1 when some could not be, 2 for a failed
 * run or bad options.
 */
@Command(name = "solve", description = "Solve antenna gains (K delay, G p/ap, B bandpass) of MS in a lake, one Spark"
        + " task per MS, into the lake's gains table.")
final class SolveCommand implements Callable<Integer> {
    @Mixin
    LakeOption lake;

    @Option(names = "--table", required = true, paramLabel = "NAME", description = "name of the gains table to write")
    String table;

    @Option(names = "--gaintype", required = true, paramLabel = "K|G|B", description = "K delay, G gain, B bandpass")
    String gaintype;

    @Option(names = "--calmode", paramLabel = "p|ap", defaultValue = "ap",
            description = "G and B: phase only (p) or amplitude and phase (ap, default)")
    String calmode;

    @Option(names = "--solint", paramLabel = "SOLINT", defaultValue = "inf",
            description = "solution interval: inf (default), int, or a duration (60s, 5min)")
    String solint;

    @Option(names = "--refant", paramLabel = "ANT", defaultValue = "auto",
            description = "reference antenna: a name, an index, or auto (most unflagged data, then SNR; default)")
    String refant;

    @Option(names = "--minsnr", paramLabel = "SNR", defaultValue = "3",
            description = "solutions below this SNR are flagged (default ${DEFAULT-VALUE})")
    double minsnr;

    @Option(names = "--minblperant", paramLabel = "N", defaultValue = "4",
            description = "antennas with fewer unflagged baselines are flagged (default ${DEFAULT-VALUE})")
    int minblperant;

    @Option(names = "--combine", paramLabel = "AXES", defaultValue = "",
            description = "axes solved together (comma-separated: scan, field; spw for G: one solution for all"
                    + " spectral windows, applied to each)")
    String combine;

    @Option(names = "--solnorm", description = "B: normalize each antenna's bandpass to mean amplitude 1")
    boolean solnorm;

    @Option(names = "--pre", paramLabel = "NAMES", split = ",",
            description = "gains tables (solved on the same MS) to pre-apply, in order")
    List<String> pre;

    @Mixin
    InterpOption interp;

    @Mixin
    WhereOption where;

    @Option(names = "--memory-mb", paramLabel = "MB", defaultValue = "512",
            description = "solve groups a task holds at once (default ${DEFAULT-VALUE} MB); more take further passes")
    long memoryMb;

    @Option(names = "--plots", paramLabel = "DIR", description = "write PNG plots of the solutions here")
    Path plots;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        SolveJob.Options o;
        try {
            if (!table.matches("[A-Za-z0-9_.+-]+")) {
                throw new IllegalArgumentException("--table must be letters, digits and _ . + - only, not '" + table + "'");
            }
            GainType type = GainType.parse(gaintype);
            SolveOptions so = SolveOptions.defaults(type).withCalMode(CalMode.parse(calmode))
                    .withMinSnr(minsnr).withMinBlPerAnt(minblperant).withSolnorm(solnorm);
            if (memoryMb < 1) {
                throw new IllegalArgumentException("--memory-mb must be positive");
            }
            o = new SolveJob.Options(lake.root(), table, so, refant, Solint.parse(solint),
                    Combine.parse(combine, type), pre == null ? List.of() : pre, interp.mode(), where.condition(),
                    memoryMb << 20, plots);
        } catch (Exception e) {
            System.err.println("solve: " + e.getMessage());
            return 2;
        }
        return sparkOptions.run("solve", spark -> {
            SolveJob.Summary s = SolveJob.run(spark, o, System.out);
            System.out.printf(Locale.ROOT, "solve: %d MS selected: %d solved, %d failed; %d solutions, %d kept (%.1f%%);"
                    + " %.1f s%n", s.selected(), s.solved(), s.failures().size(), s.solutions(), s.kept(),
                    s.solutions() == 0 ? 0 : 100.0 * s.kept() / s.solutions(), s.seconds());
            System.out.printf(Locale.ROOT, "solve: task time %.2f s reading and accumulating data, %.2f s in the solver%n",
                    s.taskSeconds()[0], s.taskSeconds()[1]);
            s.failures().forEach(f -> System.err.println("FAILED " + f));
            return s.failures().isEmpty() ? 0 : 1;
        });
    }
}
