package org.vispark.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.convert.ConvertOptions;
import org.vispark.jobs.convert.ConvertSummary;
import org.vispark.udfs.phasing.PhaseCentreRequest;
import org.vispark.udfs.sky.CalibratorCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vispark convert --lake LAKE MS_OR_GLOB...}: converts Measurement Sets and UVH5 files into the Parquet
 * visibility lake. Exit status 0 when every MS is in the lake, 1 when some could not be converted
 * (recorded in the lake's {@code ms} table with their error), 2 when the run itself failed.
 */
@Command(name = "convert", description = "Convert Measurement Sets and UVH5 files (.uvh5, .hdf5, .h5; paths or globs,"
        + " local or Hadoop FileSystem URIs) into a Parquet visibility lake (created if missing) with Spark. A rerun converts only new or changed MS.")
final class ConvertCommand implements Callable<Integer> {

    @Mixin
    LakeOption lake;

    @Parameters(arity = "1..*", paramLabel = "MS_OR_GLOB", description = "Measurement Sets or UVH5 files, or glob patterns")
    List<String> inputs;

    @Option(names = "--baseline-buckets", paramLabel = "N",
            description = "bl_bucket partitions of a new lake (default 8); fixed once the lake exists")
    Integer baselineBuckets;

    @Option(names = "--task-mb", paramLabel = "MB", defaultValue = "4096",
            description = "split a local MS larger than this into row ranges, one task each (default ${DEFAULT-VALUE})")
    long taskMb;

    @Mixin
    CodecOption codec;

    @Option(names = "--no-checksum", description = "skip the content checksum of each MS (saves one read of it)")
    boolean noChecksum;

    @Option(names = "--retry-failed", description = "convert again MS that failed before even if unchanged")
    boolean retryFailed;

    @Option(names = "--allow-incomplete",
            description = "convert DSA-110 subband groups that lack subbands, their channels flagged (default: record and leave them)")
    boolean allowIncomplete;

    @Option(names = "--phase-centre", paramLabel = "CENTRE", defaultValue = "meridian",
            description = "where drift-scan UVH5 data are phased: meridian (default: J2000 of RA = LST, Dec = pointing,"
                    + " at the data's midpoint), calibrator (the catalogue calibrator within half the primary beam of"
                    + " the meridian centre, else the meridian), a J2000 direction ('J2000 08h34m54.90s +55d34m21.00s'),"
                    + " or none (keep them as recorded); sidereal data keep their centre")
    String phaseCentre;

    @Mixin
    CatalogueOption catalogue;

    @Mixin
    SparkSessions sparkOptions;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        ConvertOptions o;
        try {
            o = ConvertOptions.of(lake.root(), inputs).withBaselineBuckets(baselineBuckets).withTaskBytes(taskMb << 20)
                    .withChecksum(!noChecksum).withRetryFailed(retryFailed).withCodec(codec.name())
                    .withAllowIncomplete(allowIncomplete).withPhaseCentre(PhaseCentreRequest.parse(phaseCentre, () -> {
                        try {
                            return CalibratorCatalogue.read(catalogue.orDefault());
                        } catch (IOException e) {
                            throw new IllegalArgumentException(e.getMessage(), e);
                        }
                    }));
        } catch (IllegalArgumentException e) {
            System.err.println("convert: " + e.getMessage());
            return 2;
        }
        return sparkOptions.run("convert", spark -> {
            ConvertSummary s = ConvertJob.run(spark, o, out);
            out.printf(Locale.ROOT, "convert: %d MS in the inputs: %d converted, %d unchanged, %d failed; %d rows,"
                    + " %.1f MB of MS -> %d files, %.1f MB in the lake, %.1f s (%.1f MB/s of MS)%n", s.inputs(),
                    s.converted(), s.unchanged(), s.failed(), s.rows(), s.msBytes() / 1e6, s.lakeFiles(),
                    s.lakeBytes() / 1e6, s.seconds(), s.msBytes() / 1e6 / Math.max(s.seconds(), 1e-9));
            for (String f : s.failures()) {
                System.err.println("FAILED " + f);
            }
            return s.ok() ? 0 : 1;
        });
    }
}
