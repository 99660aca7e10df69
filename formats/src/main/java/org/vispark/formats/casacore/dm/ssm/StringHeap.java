package org.vispark.formats.casacore.dm.ssm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vispark.formats.casacore.TableFormatException;

/**
 * Reads what casacore's SSMStringHandler writes to a StandardStMan's string buckets: scalar strings
 * longer than 8 bytes and the cells of String array columns. A cell's row slot in its column gives
 * (bucket, offset, length) of its bytes here.
 *
 * <p>A string bucket starts with four big-endian Ints (whatever the table's byte order): unused,
 * bytes used, bytes deleted, next bucket (-1: none); its data follow. A value continues in the next
 * bucket (from that bucket's data start) where it passes the bytes used of the current one. Within
 * the data, lengths and shapes are big-endian too. A String array cell is, per element, a uInt byte
 * count and the bytes, preceded for variable-shape columns by a uInt dimensionality, an Int per axis
 * and an Int flag (0: only the shape was set, all elements are empty).
 *
 * <p>The last few buckets read are kept (least recently used first out).
 */
final class StringHeap {
    private static final int BUCKET_HEADER = 16;
    private static final int MAX_BUCKETS = 4;
    private static final long CACHE_BYTES = 8L << 20;

    private final SsmFile file;
    private final int dataBytes;
    private final int maxBuckets;
    private final LinkedHashMap<Integer, ByteBuffer> buckets = new LinkedHashMap<>(8, 0.75f, true);

    StringHeap(SsmFile file) {
        this.file = file;
        this.dataBytes = file.header().bucketSize() - BUCKET_HEADER;
        this.maxBuckets = (int) Math.max(1, Math.min(MAX_BUCKETS, CACHE_BYTES / file.header().bucketSize()));
    }

    /** A reading position in the heap: the bucket and offset where the next bytes are. */
    private final class Cursor {
        private int bucket;
        private int offset;
        private int hops;

        Cursor(int bucket, int offset) {
            this.bucket = bucket;
            this.offset = offset;
        }

        /** Copies the next {@code n} bytes to {@code dst} from {@code at}. */
        void read(byte[] dst, int at, int n) throws IOException {
            int done = 0;
            while (done < n) {
                ByteBuffer b = bucket(bucket);
                int used = b.getInt(4);
                if (used < 0 || used > dataBytes || offset < 0 || offset > used) {
                    throw garbled("string bucket " + bucket + " has " + used + " bytes used, reading from offset " + offset);
                }
                int k = Math.min(n - done, used - offset);
                b.get(BUCKET_HEADER + offset, dst, at + done, k);
                done += k;
                offset += k;
                if (done < n) {
                    int next = b.getInt(12);
                    if (next < 0 || ++hops > file.header().bucketCount()) {
                        throw garbled("a value runs past string bucket " + bucket + ", which has no valid next bucket");
                    }
                    bucket = next;
                    offset = 0;
                }
            }
        }

        int readInt() throws IOException {
            byte[] b = new byte[4];
            read(b, 0, 4);
            return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        }

        String readString(int length) throws IOException {
            if (length < 0 || (long) length > (long) dataBytes * file.header().bucketCount()) {
                throw garbled("string length " + Integer.toUnsignedString(length) + " exceeds the file");
            }
            byte[] b = new byte[length];
            read(b, 0, length);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /** The string of {@code length} bytes at ({@code bucket}, {@code offset}). */
    String string(int bucket, int offset, int length) throws IOException {
        return new Cursor(bucket, offset).readString(length);
    }

    /**
     * The shape stored with a variable-shape String array cell at ({@code bucket}, {@code offset}).
     */
    int[] shape(int bucket, int offset) throws IOException {
        return readShape(new Cursor(bucket, offset));
    }

    /**
     * Reads the {@code count} elements of a String array cell at ({@code bucket}, {@code offset})
     * into {@code out}; {@code withShape} for variable-shape columns, whose cells start with their
     * shape. A cell of {@code length} 0 has empty strings.
     */
    void strings(int bucket, int offset, int length, boolean withShape, String[] out, int outOffset, int count)
            throws IOException {
        boolean filled = length != 0;
        Cursor c = new Cursor(bucket, offset);
        if (filled && withShape) {
            readShape(c);
            filled = c.readInt() != 0;
        }
        for (int i = 0; i < count; i++) {
            out[outOffset + i] = filled ? c.readString(c.readInt()) : "";
        }
    }

    private int[] readShape(Cursor c) throws IOException {
        int ndim = c.readInt();
        if (ndim < 0 || ndim > 64) {
            throw garbled("String array cell claims " + ndim + " dimensions");
        }
        int[] shape = new int[ndim];
        long n = 1;
        for (int i = 0; i < ndim; i++) {
            shape[i] = c.readInt();
            n *= Math.max(shape[i], 0);
            if (shape[i] < 0 || n > Integer.MAX_VALUE / 16) {
                throw garbled("String array cell has shape " + Arrays.toString(shape));
            }
        }
        return shape;
    }

    private ByteBuffer bucket(int bucket) throws IOException {
        ByteBuffer b = buckets.get(bucket);
        if (b != null) {
            return b;
        }
        ByteBuffer buf;
        if (buckets.size() >= maxBuckets) {
            Iterator<Map.Entry<Integer, ByteBuffer>> eldest = buckets.entrySet().iterator();
            buf = eldest.next().getValue();
            eldest.remove();
            buf.clear();
        } else {
            buf = ByteBuffer.allocate(file.header().bucketSize()).order(ByteOrder.BIG_ENDIAN);
        }
        file.read(bucket, 0, buf);
        buf.flip();
        buckets.put(bucket, buf);
        return buf;
    }

    private TableFormatException garbled(String problem) {
        return new TableFormatException(file.path(), problem + ": garbled");
    }
}
