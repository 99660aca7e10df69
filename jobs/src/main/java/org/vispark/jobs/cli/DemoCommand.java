package org.vispark.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vispark.jobs.demo.DemoArchive;
import org.vispark.jobs.demo.DemoGains;
import org.vispark.jobs.demo.SubbandGroupArchive;
import org.vispark.jobs.pipeline.PipelineJob;
import org.vispark.jobs.pipeline.PipelineSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vispark demo [--uvh5] [DIR]}: writes a small simulated DSA-110 archive into {@code DIR/ms} (once; a rerun
 * reuses it), or with {@code --uvh5} as the correlator's UVH5 subband groups into {@code DIR/uvh5}, and runs the
 * pipeline on it into {@code DIR/lake}, with the report in {@code DIR/report}. Exit status as pipeline.
 */
@Command(name = "demo", description = "Simulate a small DSA-110 archive (including the mis-phased 0834+555"
        + " observation of the incident) and run the pipeline on it.")
final class DemoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..1", defaultValue = "vispark-demo",
            description = "working directory (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--uvh5", description = "write the archive as DSA-110 UVH5 subband groups (16 files per"
            + " observation, drift scans) and run the pipeline from them")
    boolean uvh5;

    @Option(names = "--days", description = "calibrator transits (default 2; 1 with --uvh5)")
    Integer days;

    @Option(names = "--targets-per-day", description = "target observations after each (default 2; 1 with --uvh5)")
    Integer targetsPerDay;

    @Option(names = "--antennas", defaultValue = "24", description = "antennas (default ${DEFAULT-VALUE})")
    int antennas;

    @Option(names = "--channels", description = "channels per MS (default 64), or per subband file with --uvh5"
            + " (default 48, the DSA-110's)")
    Integer channels;

    @Option(names = "--integrations", defaultValue = "24",
            description = "12.88 s integrations per MS (default ${DEFAULT-VALUE})")
    int integrations;

    @Option(names = "--seed", defaultValue = "1", description = "random seed of gains and noise")
    long seed;

    @Option(names = "--generate-only", description = "only write the MS or UVH5 files (for benchmarks), no pipeline")
    boolean generateOnly;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        Path data = dir.resolve(uvh5 ? "uvh5" : "ms");
        PipelineSettings settings;
        try {
            settings = PipelineSettings.load(Installation.conf().resolve("pipeline.properties"), List.of());
            if (!Files.isDirectory(data)) {
                DemoArchive.Size size = new DemoArchive.Size(or(days, uvh5 ? 1 : 2), or(targetsPerDay, uvh5 ? 1 : 2),
                        antennas, or(channels, uvh5 ? 48 : 64), integrations);
                if (uvh5) {
                    System.out.printf("demo: writing %d simulated DSA-110 subband groups (%d UVH5 files) into %s%n",
                            size.measurementSets(), size.measurementSets() * SubbandGroupArchive.SUBBANDS, data);
                    SubbandGroupArchive.write(data, size, DemoGains.Spec.typical(), seed, System.out);
                } else {
                    System.out.printf("demo: writing %d simulated MS into %s%n", size.measurementSets(), data);
                    DemoArchive.write(data, size, DemoGains.Spec.typical(), seed, System.out);
                }
            } else {
                System.out.println("demo: using the " + (uvh5 ? "UVH5 files" : "MS") + " already in " + data);
            }
        } catch (Exception e) {
            System.err.println("demo: " + e.getMessage());
            return 2;
        }
        if (generateOnly) {
            return 0;
        }
        String inputs = data + (uvh5 ? "/*_sb*.hdf5" : "/*.ms");
        return sparkOptions.run("demo", spark -> {
            int status = PipelineCommand.report(PipelineJob.run(spark, new PipelineJob.Options(
                    dir.resolve("lake").toString(), List.of(inputs), null, settings, dir.resolve("report")), System.out));
            System.out.println("demo: lake " + dir.resolve("lake") + "; report " + dir.resolve("report/index.html")
                    + "; try: bin/vispark sql --lake " + dir.resolve("lake")
                    + " \"SELECT ms_id, calibrator, separation_arcmin, verdict FROM diagnostics\"");
            return status;
        });
    }

    private static int or(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }
}
