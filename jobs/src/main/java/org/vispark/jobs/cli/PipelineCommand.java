package org.vispark.jobs.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vispark.jobs.pipeline.PipelineJob;
import org.vispark.jobs.pipeline.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vispark pipeline --lake LAKE MS_OR_GLOB... [--where SQL] [--calibrator NAME|auto] [--report DIR]
 * [--set KEY=VALUE]...}.
 * Exit status 0 when every MS was calibrated, 1 when some failed (listed at the end), 2 for a failed run or bad
 * options.
 */
@Command(name = "pipeline", description = "Convert, diagnose, rephase, predict, solve (K, G p, B), apply and diagnose"
        + " again every MS not yet calibrated; rerunnable.")
final class PipelineCommand implements Callable<Integer> {
    @Mixin
    LakeOption lake;

    @Parameters(paramLabel = "MS_OR_GLOB", arity = "0..*",
            description = "MS to convert first (paths, globs or Hadoop URIs); none: calibrate what the lake has")
    List<String> inputs;

    @Option(names = "--calibrator", paramLabel = "NAME|auto",
            description = "the calibrator of the calibrator observations (default: the settings', auto)")
    String calibrator;

    @Option(names = "--report", paramLabel = "DIR", description = "HTML report of the calibrator diagnostics and gains")
    Path report;

    @Mixin
    PipelineSettingsOption settings;

    @Mixin
    WhereOption where;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        PipelineSettings s;
        try {
            s = settings.load(calibrator == null ? List.of() : List.of("calibrator=" + calibrator));
        } catch (Exception e) {
            System.err.println("pipeline: " + e.getMessage());
            return 2;
        }
        return sparkOptions.run("pipeline", spark -> {
            return report(PipelineJob.run(spark, new PipelineJob.Options(lake.root(), inputs == null ? List.of() : inputs,
                    where.condition(), s,
                    report), System.out));
        });
    }

    /** Prints the summary; returns the exit status. */
    static int report(PipelineJob.Summary r) {
        System.out.printf(Locale.ROOT, "pipeline: %d MS: %d calibrator observations, %d targets; %d calibrated, %d"
                + " failed; calibrators after calibration: %s%n", r.pending(), r.calibrators(), r.targets(), r.finished(),
                r.pending() - r.finished(), r.verdictsAfter());
        r.stageSeconds().forEach((stage, sec) -> System.out.printf(Locale.ROOT, "pipeline:   %-16s %8.1f s%n", stage, sec));
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "pipeline:   driver peak heap %d MB (JVM of the driver; executors are separate on"
                + " a cluster)%n", peak >> 20);
        r.failures().forEach(f -> System.err.println("FAILED " + f));
        return r.failures().isEmpty() ? 0 : 1;
    }
}
