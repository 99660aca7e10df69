package org.vispark.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vispark.jobs.demo.DemoArchive;
import org.vispark.jobs.demo.DemoGains;
import org.vispark.jobs.pipeline.PipelineJob;
import org.vispark.jobs.pipeline.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vispark demo [DIR]}: writes a small simulated DSA-110 archive into {@code DIR/ms} (once; a rerun reuses it)
 * and runs the pipeline on it into {@code DIR/lake}, with the report in {@code DIR/report}. Exit status as pipeline.
 */
@Command(name = "demo", description = "Simulate a small DSA-110 archive (including the mis-phased 0834+555"
        + " observation of the incident) and run the pipeline on it.")
final class DemoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "vispark-demo",
            description = "working directory (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--days", defaultValue = "2", description = "calibrator transits (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--targets-per-day", defaultValue = "2", description = "target MS after each (default ${DEFAULT-VALUE})")
    int targetsPerDay;

    @Option(names = "--antennas", defaultValue = "24", description = "antennas (default ${DEFAULT-VALUE})")
    int antennas;

    @Option(names = "--channels", defaultValue = "64", description = "channels (default ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--integrations", defaultValue = "24",
            description = "12.88 s integrations per MS (default ${DEFAULT-VALUE})")
    int integrations;

    @Option(names = "--seed", defaultValue = "1", description = "random seed of gains and noise")
    long seed;

    @Option(names = "--generate-only", description = "only write the MS (for benchmarks), no pipeline")
    boolean generateOnly;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        Path ms = dir.resolve("ms");
        PipelineSettings settings;
        try {
            settings = PipelineSettings.load(Installation.conf().resolve("pipeline.properties"), List.of());
            if (!Files.isDirectory(ms)) {
                DemoArchive.Size size = new DemoArchive.Size(days, targetsPerDay, antennas, channels, integrations);
                System.out.printf("demo: writing %d simulated MS into %s%n", size.measurementSets(), ms);
                DemoArchive.write(ms, size, DemoGains.Spec.typical(), seed, System.out);
            } else {
                System.out.println("demo: using the MS already in " + ms);
            }
        } catch (Exception e) {
            System.err.println("demo: " + e.getMessage());
            return 2;
        }
        if (generateOnly) {
            return 0;
        }
        return sparkOptions.run("demo", spark -> {
            int status = PipelineCommand.report(PipelineJob.run(spark, new PipelineJob.Options(
                    dir.resolve("lake").toString(), List.of(ms + "/*.ms"), settings, dir.resolve("report")), System.out));
            System.out.println("demo: lake " + dir.resolve("lake") + "; report " + dir.resolve("report/index.html")
                    + "; try: bin/vispark sql --lake " + dir.resolve("lake")
                    + " \"SELECT ms_id, calibrator, separation_arcmin, verdict FROM diagnostics\"");
            return status;
        });
    }
}
