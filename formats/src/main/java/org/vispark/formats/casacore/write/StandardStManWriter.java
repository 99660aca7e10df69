package org.vispark.formats.casacore.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.aipsio.AipsIoWriter;

/**
 * Writes a StandardStMan's file {@code table.f<seq>}, as casacore's SSMBase lays it out, rows appended in order.
 *
 * <p>Layout: a 512-byte header (AipsIO in the data byte order: "StandardStMan" version 3 with the endian flag,
 * bucket size, bucket count, cache size, free buckets, index buckets, index offset, last string bucket, index
 * length, one index), then buckets of {@code bucketSize} bytes. A data bucket holds {@code rowsPerBucket} rows;
 * each column has its area in it, one after the other in column order, its rows' values packed (Bool as bits,
 * least significant first; a String cell as 12 bytes: a string of at most 8 bytes in place with its length in
 * the third Int, otherwise bucket, offset and length of its bytes in the string buckets, see
 * {@link SsmStringBuckets}). Data and string buckets are numbered in the order they are started; the row index
 * ("SSMIndex": last row and bucket of each data bucket) goes into the bucket(s) after them, from offset 8, each
 * such bucket starting with the next index bucket's number twice (big-endian).
 */
final class StandardStManWriter implements StorageManagerWriter {
    static final String TYPE = "StandardStMan";
    private static final int HEADER_BYTES = 512;
    private static final int STRING_SLOT = 12;
    private static final int IN_PLACE = 8;
    private static final int DEFAULT_BUCKET = 32768;
    private static final int PERSISTENT_CACHE = 2;

    private final String name;
    private final List<ColumnSpec> columns;
    private final ByteOrder order;
    private final FileChannel file;
    private final Path path;
    private final int bucketSize;
    private final int rowsPerBucket;
    private final long[] bitsPerRow;
    private final int[] offsets;
    private final byte[] bucket;
    private final ByteBuffer bucketBuf;
    private final SsmStringBuckets strings;
    private final List<Long> lastRows = new ArrayList<>();
    private final List<Integer> dataBuckets = new ArrayList<>();
    private int bucketCount;
    private int currentBucket = -1;
    private int rowsInBucket;
    private long rows;

    StandardStManWriter(Path path, String name, List<ColumnSpec> columns, ByteOrder order) throws IOException {
        this.path = path;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.order = order;
        int n = columns.size();
        bitsPerRow = new long[n];
        long bytesPerRow = 0;
        for (int i = 0; i < n; i++) {
            bitsPerRow[i] = bitsPerRow(columns.get(i));
            bytesPerRow += (bitsPerRow[i] + 7) / 8;
        }
        int size = (int) Math.max(DEFAULT_BUCKET, Math.min(Integer.MAX_VALUE / 2, bytesPerRow));
        int perBucket = (int) Math.max(1, size / Math.max(1, bytesPerRow));
        while (areaBytes(perBucket + 1) <= size) {
            perBucket++;
        }
        this.bucketSize = size;
        this.rowsPerBucket = perBucket;
        this.offsets = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = total;
            total += (int) ((perBucket * bitsPerRow[i] + 7) / 8);
        }
        this.bucket = new byte[bucketSize];
        this.bucketBuf = ByteBuffer.wrap(bucket).order(order);
        this.file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.strings = new SsmStringBuckets(new SsmStringBuckets.Buckets() {
            @Override
            public int newBucket() {
                return bucketCount++;
            }

            @Override
            public void write(int b, byte[] bytes) throws IOException {
                writeBucket(b, bytes);
            }
        }, bucketSize);
    }

    private long areaBytes(int perBucket) {
        long total = 0;
        for (long b : bitsPerRow) {
            total += (perBucket * b + 7) / 8;
        }
        return total;
    }

    private static long bitsPerRow(ColumnSpec c) {
        if (c.type() == DataType.STRING) {
            return 8L * STRING_SLOT;
        }
        long values = c.cellValues();
        return c.type() == DataType.BOOL ? values : 8L * c.type().byteSize() * values;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ColumnSpec> columns() {
        return columns;
    }

    @Override
    public void append(int nRows, Object[] values) throws IOException {
        int done = 0;
        while (done < nRows) {
            if (currentBucket < 0 || rowsInBucket == rowsPerBucket) {
                startBucket();
            }
            int n = Math.min(nRows - done, rowsPerBucket - rowsInBucket);
            for (int c = 0; c < columns.size(); c++) {
                putColumn(c, values[c], done, n);
            }
            rowsInBucket += n;
            done += n;
            rows += n;
            lastRows.set(lastRows.size() - 1, rows - 1);
        }
    }

    private void putColumn(int c, Object values, int firstRow, int n) throws IOException {
        ColumnSpec spec = columns.get(c);
        int cell = spec.cellValues();
        DataType type = spec.type();
        if (type == DataType.BOOL) {
            ValueCodec.putBits((boolean[]) values, firstRow * cell, n * cell, bucket, offsets[c],
                    (long) rowsInBucket * cell);
        } else if (type == DataType.STRING) {
            String[] s = (String[]) values;
            for (int r = 0; r < n; r++) {
                int at = offsets[c] + (rowsInBucket + r) * STRING_SLOT;
                int[] slot;
                if (spec.isArray()) {
                    slot = strings.putArray(s, (firstRow + r) * cell, cell);
                } else {
                    byte[] b = s[firstRow + r].getBytes(StandardCharsets.UTF_8);
                    if (b.length <= IN_PLACE) {
                        System.arraycopy(b, 0, bucket, at, b.length);
                        bucketBuf.putInt(at + 8, b.length);
                        continue;
                    }
                    slot = strings.put(b);
                }
                bucketBuf.putInt(at, slot[0]).putInt(at + 4, slot[1]).putInt(at + 8, slot[2]);
            }
        } else {
            int at = offsets[c] + rowsInBucket * cell * type.byteSize();
            ValueCodec.put(type, values, firstRow * cell, n * cell, bucketBuf, at);
        }
    }

    private void startBucket() throws IOException {
        if (currentBucket >= 0) {
            writeBucket(currentBucket, bucket);
        }
        Arrays.fill(bucket, (byte) 0);
        currentBucket = bucketCount++;
        rowsInBucket = 0;
        dataBuckets.add(currentBucket);
        lastRows.add(rows - 1);
    }

    private void writeBucket(int b, byte[] bytes) throws IOException {
        writeAt(ByteBuffer.wrap(bytes), HEADER_BYTES + (long) b * bucketSize);
    }

    private void writeAt(ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            position += file.write(buf, position);
        }
    }

    @Override
    public byte[] finish(long rowCount) throws IOException {
        if (rowCount != rows) {
            throw new IllegalStateException(path + ": " + rows + " rows written but the table has " + rowCount);
        }
        if (currentBucket >= 0) {
            writeBucket(currentBucket, bucket);
        }
        strings.flush();
        byte[] index = index();
        int linkBytes = 8;
        int perBucket = bucketSize - linkBytes;
        int indexBuckets = Math.max(1, (index.length + perBucket - 1) / perBucket);
        int firstIndexBucket = bucketCount;
        for (int j = 0; j < indexBuckets; j++) {
            byte[] b = new byte[bucketSize];
            int next = j + 1 < indexBuckets ? bucketCount + 1 : -1;
            ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN).putInt(0, next).putInt(4, next);
            int from = j * perBucket;
            System.arraycopy(index, from, b, linkBytes, Math.min(perBucket, index.length - from));
            writeBucket(bucketCount++, b);
        }
        int indexOffset = indexBuckets == 1 && index.length <= perBucket / 2 ? linkBytes : 0;

        AipsIoWriter h = new AipsIoWriter(order);
        h.putStart(TYPE, 3);
        h.writeBool(order == ByteOrder.BIG_ENDIAN);
        h.writeInt(bucketSize);
        h.writeInt(bucketCount);
        h.writeInt(PERSISTENT_CACHE);
        h.writeInt(0); // free buckets
        h.writeInt(-1); // first free bucket
        h.writeInt(indexBuckets);
        h.writeInt(firstIndexBucket);
        h.writeInt(indexOffset);
        h.writeInt(strings.lastBucket());
        h.writeInt(index.length);
        h.writeInt(1); // indices
        h.putEnd();
        byte[] header = Arrays.copyOf(h.toByteArray(), HEADER_BYTES);
        writeAt(ByteBuffer.wrap(header), 0);

        AipsIoWriter blob = new AipsIoWriter(ByteOrder.BIG_ENDIAN);
        blob.putStart("SSM", 2);
        blob.writeString(name);
        int[] indexOfColumn = new int[columns.size()];
        writeBlock(blob, offsets);
        writeBlock(blob, indexOfColumn);
        blob.putEnd();
        return blob.toByteArray();
    }

    /** The SSMIndex (version 1) of the data buckets, in the data byte order. */
    private byte[] index() {
        AipsIoWriter out = new AipsIoWriter(order);
        boolean wide = rows - 1 > 0xffffffffL;
        out.putStart("SSMIndex", wide ? 2 : 1);
        out.writeInt(dataBuckets.size());
        out.writeInt(rowsPerBucket);
        out.writeInt(columns.size());
        out.putStart("SimpleOrderedMap", 1);
        out.writeInt(0); // default value (unused)
        out.writeInt(0); // entries: no free space is recorded
        out.writeInt(1); // increment (unused)
        out.putEnd();
        out.putStart("Block", 1);
        out.writeInt(lastRows.size());
        for (long r : lastRows) {
            if (wide) {
                out.writeLong(r);
            } else {
                out.writeInt((int) r);
            }
        }
        out.putEnd();
        out.putStart("Block", 1);
        out.writeInt(dataBuckets.size());
        for (int b : dataBuckets) {
            out.writeInt(b);
        }
        out.putEnd();
        out.putEnd();
        return out.toByteArray();
    }

    private static void writeBlock(AipsIoWriter out, int[] values) {
        out.putStart("Block", 1);
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
        out.putEnd();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
