package org.vispark.formats.uvh5;

import io.jhdf.AbstractNode;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.message.FillValueMessage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Rows (indices along axis 0) of a chunked dataset, filtered (gzip with or without shuffle by
 * {@link DeflateChunks}; lzf, bitshuffle, ... as jhdf decodes them) or not, assembled from whole chunks
 * into the bytes a contiguous dataset would hold for them (C order, the file's element encoding), for
 * {@link RawElements} to decode. pyuvdata writes visdata, flags and nsamples so (h5py's
 * {@code chunks=True}); jhdf's element slicing of them is slow.
 *
 * <p>A chunk spans {@code chunkDims[0]} rows (a band) and a block of the other axes; edge chunks are
 * stored whole, their part beyond the dataset ignored. Readers ask for consecutive row ranges shorter
 * than a band, so the last band read is kept decoded (when it is at most a limit, {@link #MAX_BAND_BYTES}
 * for {@link Uvh5Data}) and each chunk is decompressed once; a larger band is not kept, only the rows
 * asked for are copied from its chunks. Memory is bounded by one band and one range, never the
 * dataset. A chunk the file never wrote (HDF5 allocates chunks as they are first written: a file written
 * part by part, as a correlator may, can lack some) reads as the dataset's fill value, as HDF5 and h5py
 * read it: zeros unless the file defines another. Not thread-safe: one reader per file.
 */
final class ChunkedRows {
    /** {@link Uvh5Data}'s largest band kept decoded between reads (64 MiB); a larger one is decoded range by range. */
    static final long MAX_BAND_BYTES = 64L << 20;

    private final Path file;
    private final ChunkedDataset dataset;
    private final int[] dims;
    private final int[] chunkDims;
    private final int elementBytes;
    private final int rowBytes;
    private final int chunkBytes;
    private final boolean filtered;
    /** Decoder of deflate (and shuffle) chunks, or null: jhdf decodes other filters. */
    private final DeflateChunks deflate;
    private final long maxBandBytes;
    /** Raw (unfiltered) chunk bytes, reused from chunk to chunk. */
    private byte[] rawChunk;
    /** The decoded band {@link #band} (rows [band * chunkDims[0], ...)), or null. */
    private byte[] bandBytes;
    private int band = -1;
    /** The last range assembled across bands, reused. */
    private byte[] rangeBytes = new byte[0];
    /** A chunk of fill values, for chunks never written; made when first needed. */
    private byte[] fillChunk;

    /** Rows of {@code dataset} of {@code file}, a band kept decoded if at most {@code maxBandBytes}. */
    ChunkedRows(Path file, ChunkedDataset dataset, long maxBandBytes) throws Uvh5FormatException {
        this.file = file;
        this.maxBandBytes = maxBandBytes;
        this.dataset = dataset;
        this.dims = dataset.getDimensions();
        this.chunkDims = dataset.getChunkDimensions();
        this.elementBytes = dataset.getDataType().getSize();
        if (chunkDims.length != dims.length || Arrays.stream(chunkDims).anyMatch(c -> c <= 0)) {
            throw new Uvh5FormatException(file, dataset.getPath() + " has chunks " + Arrays.toString(chunkDims)
                    + " for shape " + Arrays.toString(dims));
        }
        long row = elementBytes;
        long chunk = (long) elementBytes * chunkDims[0];
        for (int k = 1; k < dims.length; k++) {
            row *= dims[k];
            chunk *= chunkDims[k];
        }
        if (chunk > Integer.MAX_VALUE || row > Integer.MAX_VALUE) {
            throw new Uvh5FormatException(file, dataset.getPath() + " has chunks or rows beyond 2 GiB");
        }
        this.rowBytes = (int) row;
        this.chunkBytes = (int) chunk;
        this.filtered = !dataset.getFilters().isEmpty();
        this.deflate = DeflateChunks.of(dataset.getFilters(), elementBytes, chunkBytes);
    }

    /** The bytes of rows [first, first + count), as a contiguous dataset holds them; valid until the next call. */
    ByteBuffer rows(int first, int count) throws Uvh5FormatException {
        long bytes = (long) count * rowBytes;
        if (bytes > Integer.MAX_VALUE) {
            throw new Uvh5FormatException(file, dataset.getPath() + ": rows [" + first + ", " + (first + count)
                    + ") exceed 2 GiB");
        }
        int bandRows = chunkDims[0];
        long bandBytesNeeded = (long) bandRows * rowBytes;
        if (count == 0 || bandBytesNeeded > maxBandBytes) {
            ensureRange((int) bytes);
            copyChunks(first, count, rangeBytes);
            return ByteBuffer.wrap(rangeBytes, 0, (int) bytes).slice();
        }
        int firstBand = first / bandRows;
        int lastBand = (first + count - 1) / bandRows;
        if (firstBand == lastBand) {
            loadBand(firstBand);
            return ByteBuffer.wrap(bandBytes, (first - firstBand * bandRows) * rowBytes, (int) bytes).slice();
        }
        ensureRange((int) bytes);
        for (int b = firstBand; b <= lastBand; b++) {
            loadBand(b);
            int from = Math.max(first, b * bandRows);
            int to = Math.min(first + count, (b + 1) * bandRows);
            System.arraycopy(bandBytes, (from - b * bandRows) * rowBytes, rangeBytes, (from - first) * rowBytes,
                    (to - from) * rowBytes);
        }
        return ByteBuffer.wrap(rangeBytes, 0, (int) bytes).slice();
    }

    private void ensureRange(int bytes) {
        if (rangeBytes.length < bytes) {
            rangeBytes = new byte[bytes];
        }
    }

    private void loadBand(int b) throws Uvh5FormatException {
        if (band == b) {
            return;
        }
        if (bandBytes == null) {
            bandBytes = new byte[chunkDims[0] * rowBytes];
        }
        band = -1;
        int first = b * chunkDims[0];
        copyChunks(first, Math.min(chunkDims[0], dims[0] - first), bandBytes);
        band = b;
    }

    /** Decodes every chunk holding rows [first, first + count) and copies those rows' parts into {@code dst}. */
    private void copyChunks(int first, int count, byte[] dst) throws Uvh5FormatException {
        if (count == 0) {
            return;
        }
        int n = dims.length;
        int[] grid = new int[n];
        for (int k = 1; k < n; k++) {
            grid[k] = (dims[k] + chunkDims[k] - 1) / chunkDims[k];
        }
        int[] offset = new int[n];
        for (int b = first / chunkDims[0]; b <= (first + count - 1) / chunkDims[0]; b++) {
            offset[0] = b * chunkDims[0];
            int from = Math.max(first, offset[0]);
            int to = Math.min(first + count, offset[0] + chunkDims[0]);
            int[] index = new int[n];
            do {
                for (int k = 1; k < n; k++) {
                    offset[k] = index[k] * chunkDims[k];
                }
                copyChunk(chunk(offset), offset, from, to, first, dst);
            } while (next(index, grid));
        }
    }

    /** Steps {@code index} (axes 1..n-1, last fastest) through {@code grid}; false after the last. */
    private static boolean next(int[] index, int[] grid) {
        for (int k = index.length - 1; k >= 1; k--) {
            if (++index[k] < grid[k]) {
                return true;
            }
            index[k] = 0;
        }
        return false;
    }

    /**
     * Copies rows [from, to) of the chunk at {@code offset} (its bytes {@code src}) into {@code dst}, whose
     * row 0 is dataset row {@code dstFirst}: runs along the last axis, clipped to the dataset's shape.
     */
    private void copyChunk(byte[] src, int[] offset, int from, int to, int dstFirst, byte[] dst) {
        int n = dims.length;
        int last = n - 1;
        int run = Math.min(chunkDims[last], dims[last] - offset[last]) * elementBytes;
        int srcLine = chunkDims[last] * elementBytes;
        // the chunk's lines (all axes but the last) within the dataset, as an odometer over axes 1..n-2
        int[] extent = new int[n];
        for (int k = 1; k < last; k++) {
            extent[k] = Math.min(chunkDims[k], dims[k] - offset[k]);
        }
        int[] j = new int[n];
        for (int r = from; r < to; r++) {
            Arrays.fill(j, 0);
            while (true) {
                int s = r - offset[0];
                int d = r - dstFirst;
                for (int k = 1; k < last; k++) {
                    s = s * chunkDims[k] + j[k];
                    d = d * dims[k] + offset[k] + j[k];
                }
                int srcAt = s * srcLine;
                int dstAt = d * dims[last] * elementBytes + offset[last] * elementBytes;
                if (run >= 64) {
                    System.arraycopy(src, srcAt, dst, dstAt, run);
                } else {
                    for (int i = 0; i < run; i++) {
                        dst[dstAt + i] = src[srcAt + i];
                    }
                }
                int k = last - 1;
                while (k >= 1 && ++j[k] >= extent[k]) {
                    j[k] = 0;
                    k--;
                }
                if (k < 1) {
                    break;
                }
            }
        }
    }

    /** The decoded bytes of the chunk at {@code offset} (stored whole, edge chunks too). */
    private byte[] chunk(int[] offset) throws Uvh5FormatException {
        byte[] out;
        try {
            if (deflate != null) {
                ByteBuffer stored = dataset.getRawChunkBuffer(offset);
                try {
                    out = deflate.decode(stored);
                } finally {
                    ChunkMappings.release(stored);
                }
            } else if (filtered) {
                out = dataset.getDecompressedChunk(offset);
            } else {
                ByteBuffer raw = dataset.getRawChunkBuffer(offset);
                try {
                    if (raw.remaining() != chunkBytes) {
                        throw new Uvh5FormatException(file, "cannot read " + dataset.getPath() + " chunk at "
                                + Arrays.toString(offset) + ": " + raw.remaining() + " bytes stored, " + chunkBytes
                                + " expected");
                    }
                    if (rawChunk == null) {
                        rawChunk = new byte[chunkBytes];
                    }
                    raw.get(raw.position(), rawChunk, 0, chunkBytes);
                    out = rawChunk;
                } finally {
                    ChunkMappings.release(raw);
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof HdfException h && neverWritten(h)) {
                return fillChunk();
            }
            throw new Uvh5FormatException(file, "cannot read " + dataset.getPath() + " chunk at "
                    + Arrays.toString(offset) + " (corrupt or truncated?): " + e, e);
        }
        if (out.length != chunkBytes) {
            throw new Uvh5FormatException(file, "cannot read " + dataset.getPath() + " chunk at "
                    + Arrays.toString(offset) + ": it decodes to " + out.length + " bytes, " + chunkBytes
                    + " expected (corrupt?)");
        }
        return out;
    }

    /**
     * Whether jhdf failed because the file holds no chunk at the offset asked for: jhdf 0.11 says so only in
     * its message (its chunk index is not public); Uvh5ChunkedTest's partly written file fails if that changes.
     */
    private static boolean neverWritten(HdfException e) {
        return e.getMessage() != null && e.getMessage().startsWith("No chunk with offset");
    }

    /** A chunk's bytes all of the dataset's fill value: its fill value message's element, else zeros. */
    private byte[] fillChunk() throws Uvh5FormatException {
        if (fillChunk == null) {
            ByteBuffer value = definedFillValue();
            if (value != null && value.remaining() != elementBytes) {
                throw new Uvh5FormatException(file, dataset.getPath() + " has a chunk never written and a fill value of "
                        + value.remaining() + " bytes for elements of " + elementBytes);
            }
            fillChunk = new byte[chunkBytes];
            if (value != null) {
                byte[] element = new byte[elementBytes];
                value.duplicate().get(element);
                for (int at = 0; at < chunkBytes; at += elementBytes) {
                    System.arraycopy(element, 0, fillChunk, at, elementBytes);
                }
            }
        }
        return fillChunk;
    }

    /** The bytes of one element of the dataset's fill value when the file defines one, else null (zeros). */
    private ByteBuffer definedFillValue() {
        if (dataset instanceof AbstractNode node && node.getHeader().hasMessageOfType(FillValueMessage.class)) {
            FillValueMessage m = node.getHeader().getMessageOfType(FillValueMessage.class);
            return m.isFillValueDefined() ? m.getFillValue() : null;
        }
        return null;
    }
}
