package org.vispark.jobs.lake;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A Parquet input stream whose bytes can be written to a local file without passing through a Java array: a local
 * file's ({@link LocalParquetFile}: in the kernel, as {@code cp} copies) or one held in memory
 * ({@link MemoryParquetFile}).
 */
interface ChannelSource {
    /**
     * Writes {@code length} bytes of the stream's file from offset {@code start} on to {@code target} at its position,
     * advancing it; the stream's own position is not used.
     */
    void transferTo(long start, long length, FileChannel target) throws IOException;
}
