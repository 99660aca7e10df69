package org.vispark.jobs.cli;

import org.vispark.jobs.lake.LakeParquet;
import picocli.CommandLine.Option;

/** {@code --codec CODEC}, the Parquet compression of the visibility files a command writes, as a picocli mixin. */
final class CodecOption {
    @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "snappy",
            description = "Parquet compression of the visibility files written: snappy, zstd, gzip, lz4_raw,"
                    + " uncompressed (default ${DEFAULT-VALUE})")
    private String name;

    /** The codec's name, checked: one {@link LakeParquet#codec} does not know is an IllegalArgumentException. */
    String name() {
        LakeParquet.codec(name);
        return name;
    }
}
