package org.vispark.formats.uvh5;

import java.nio.file.Path;
import java.util.List;

/**
 * Visibilities in UVH5 form: one file ({@link Uvh5File}) or a subband group read as one
 * ({@link Uvh5Group}). Its header describes all its channels; rows are read by blt ranges.
 */
public interface Uvh5Source extends AutoCloseable {
    /** The header, for a group the whole group's (all channels, ascending in frequency). */
    Uvh5Header header();

    /** Reads blts {@code [firstBlt, firstBlt + count)}, every channel of the source. */
    default Uvh5Rows read(int firstBlt, int count) throws Uvh5FormatException {
        return read(firstBlt, count, null);
    }

    /**
     * As {@link #read(int, int)}, into the arrays of {@code reuse} (rows an earlier read returned, no
     * longer needed; null for new arrays) when they have the size needed: a reader of many ranges then
     * does not take fresh memory for each, which costs the kernel as much as decoding it.
     */
    Uvh5Rows read(int firstBlt, int count, Uvh5Rows reuse) throws Uvh5FormatException;

    /** The files read. */
    List<Path> paths();

    @Override
    void close();
}
