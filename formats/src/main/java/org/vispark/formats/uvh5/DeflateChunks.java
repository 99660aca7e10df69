package org.vispark.formats.uvh5;

import io.jhdf.filter.PipelineFilterWithData;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Chunks stored with HDF5's deflate filter (id 1: a zlib stream; h5py's {@code compression="gzip"}),
 * optionally after its shuffle filter (id 2: byte k of every element stored together, element k's
 * bytes restored to element order here), decoded into buffers reused from chunk to chunk. jhdf's filters
 * take fresh arrays for every chunk, several times its size, whose zeroing costs about as much as the
 * inflating. Not thread-safe.
 */
final class DeflateChunks {
    private static final int DEFLATE = 1;
    private static final int SHUFFLE = 2;

    private final Inflater inflater = new Inflater();
    private final int elementBytes;
    private final byte[] inflated;
    private final byte[] spare = new byte[1];
    /** The unshuffled chunk, or null when the pipeline has no shuffle. */
    private final byte[] unshuffled;

    private DeflateChunks(int elementBytes, int chunkBytes, boolean shuffled) {
        this.elementBytes = elementBytes;
        this.inflated = new byte[chunkBytes];
        this.unshuffled = shuffled ? new byte[chunkBytes] : null;
    }

    /**
     * A decoder for chunks of {@code chunkBytes} (elements of {@code elementBytes}) stored through
     * {@code filters} (in the order they were applied on writing), or null unless that pipeline is
     * deflate or shuffle then deflate.
     */
    static DeflateChunks of(List<PipelineFilterWithData> filters, int elementBytes, int chunkBytes) {
        int[] ids = filters.stream().mapToInt(PipelineFilterWithData::getId).toArray();
        if (ids.length == 1 && ids[0] == DEFLATE) {
            return new DeflateChunks(elementBytes, chunkBytes, false);
        }
        if (ids.length == 2 && ids[0] == SHUFFLE && ids[1] == DEFLATE) {
            int[] data = filters.get(0).getFilterData();
            boolean sameSize = data == null || data.length == 0 || data[0] == elementBytes;
            return sameSize ? new DeflateChunks(elementBytes, chunkBytes, true) : null;
        }
        return null;
    }

    /**
     * The chunk whose stored bytes are {@code stored}, decoded; valid until the next call; {@code stored}
     * is no longer referenced on return. Throws
     * IllegalStateException when the stream is corrupt or does not decode to exactly one chunk.
     */
    byte[] decode(ByteBuffer stored) {
        int size = inflated.length;
        int n = 0;
        try {
            inflater.reset();
            inflater.setInput(stored);
            while (!inflater.finished()) {
                // once the chunk is full, only the stream's end (its checksum) may remain
                int got = n < size ? inflater.inflate(inflated, n, size - n) : inflater.inflate(spare);
                if (n == size && got > 0) {
                    throw new IllegalStateException("the deflate stream holds more than the chunk's " + size + " bytes");
                }
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("the deflate stream ends after " + n + " of " + size + " bytes");
                }
                n += got;
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt deflate stream: " + e.getMessage(), e);
        } finally {
            // drops the inflater's hold on the stored bytes, which the caller then unmaps
            inflater.reset();
        }
        if (n != size) {
            throw new IllegalStateException("the deflate stream decodes to " + n + " bytes, the chunk has " + size);
        }
        if (unshuffled == null) {
            return inflated;
        }
        int count = size / elementBytes;
        for (int k = 0; k < elementBytes; k++) {
            int from = k * count;
            for (int i = 0; i < count; i++) {
                unshuffled[i * elementBytes + k] = inflated[from + i];
            }
        }
        // bytes after the last whole element (none when chunks hold whole elements) are stored unshuffled
        int whole = count * elementBytes;
        System.arraycopy(inflated, whole, unshuffled, whole, size - whole);
        return unshuffled;
    }
}
