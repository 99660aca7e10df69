package org.vispark.formats.casacore.aipsio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.vispark.formats.casacore.TableFormatException;

/**
 * Reads casacore's AipsIO object framing from bytes held in memory.
 *
 * <p>An AipsIO stream starts with the magic value {@code 0xbebebebe}; each object then starts with
 * a uInt total length (counted from that length field to the object's end, or the magic value if
 * the writer could not seek back), a String type name and a uInt version. A String is a uInt byte
 * count and its bytes; a Bool is one byte. {@code table.dat} is always big-endian ("canonical");
 * data manager headers use the byte order of the table they belong to.
 *
 * <p>Every read is bounds-checked: truncated or garbled input gives a {@link TableFormatException}
 * naming the file and byte offset, never an out-of-memory allocation.
 */
public final class AipsIoReader {
    /** The value AipsIO writes before the first object and as a placeholder length. */
    public static final int MAGIC = 0xbebebebe;

    private final ByteBuffer buf;
    private final Path file;
    private final Deque<long[]> objects = new ArrayDeque<>(); // {start position, total length}

    private AipsIoReader(ByteBuffer buf, Path file) {
        this.buf = buf;
        this.file = file;
    }

    /** A reader over {@code bytes} in the given byte order; {@code file} is named in errors. */
    public static AipsIoReader of(byte[] bytes, ByteOrder order, Path file) {
        return new AipsIoReader(ByteBuffer.wrap(bytes).order(order), file);
    }

    /** A reader over the remaining bytes of {@code buffer} (its order is kept). */
    public static AipsIoReader of(ByteBuffer buffer, Path file) {
        return new AipsIoReader(buffer.slice().order(buffer.order()), file);
    }

    public Path file() {
        return file;
    }

    public ByteOrder order() {
        return buf.order();
    }

    public int position() {
        return buf.position();
    }

    public void position(int pos) {
        if (pos < 0 || pos > buf.limit()) {
            throw new IllegalArgumentException(file + ": position " + pos + " outside 0.." + buf.limit());
        }
        buf.position(pos);
    }

    public int remaining() {
        return buf.remaining();
    }

    /** The type name of the next object, without consuming it. */
    public String peekType() throws TableFormatException {
        int start = buf.position();
        try {
            if (objects.isEmpty()) {
                expectMagic();
            }
            readInt(); // length
            return readString();
        } finally {
            buf.position(start);
        }
    }

    /**
     * Starts reading an object whose type must be {@code expectedType}; returns its version.
     */
    public int getStart(String expectedType) throws TableFormatException {
        if (objects.isEmpty()) {
            expectMagic();
        }
        long start = buf.position();
        long length = Integer.toUnsignedLong(readInt());
        String type = readString();
        if (!type.equals(expectedType)) {
            throw error("found AipsIO object of type '" + type + "' where '" + expectedType + "' was expected", start);
        }
        if (length != Integer.toUnsignedLong(MAGIC) && start + length > buf.limit()) {
            throw error("object '" + type + "' of " + length + " bytes runs past the end of the file ("
                    + buf.limit() + " bytes): truncated", start);
        }
        objects.push(new long[] {start, length});
        return readInt();
    }

    /** Ends the current object, skipping whatever of it was not read. */
    public void getEnd() throws TableFormatException {
        if (objects.isEmpty()) {
            throw error("getEnd without getStart", buf.position());
        }
        long[] obj = objects.pop();
        if (obj[1] != Integer.toUnsignedLong(MAGIC)) {
            long end = obj[0] + obj[1];
            if (end < buf.position()) {
                throw error("read past the end of an AipsIO object that started at byte " + obj[0], buf.position());
            }
            buf.position((int) end);
        }
    }

    private void expectMagic() throws TableFormatException {
        int at = buf.position();
        int magic = readInt();
        if (magic != MAGIC) {
            throw error(String.format("no AipsIO magic value (found 0x%08x, expected 0xbebebebe): not a casacore file or garbled", magic), at);
        }
    }

    public boolean readBool() throws TableFormatException {
        return readByte() != 0;
    }

    public byte readByte() throws TableFormatException {
        need(1);
        return buf.get();
    }

    public short readShort() throws TableFormatException {
        need(2);
        return buf.getShort();
    }

    public int readInt() throws TableFormatException {
        need(4);
        return buf.getInt();
    }

    /** A uInt, widened without sign. */
    public long readUInt() throws TableFormatException {
        return Integer.toUnsignedLong(readInt());
    }

    public long readLong() throws TableFormatException {
        need(8);
        return buf.getLong();
    }

    public float readFloat() throws TableFormatException {
        need(4);
        return buf.getFloat();
    }

    public double readDouble() throws TableFormatException {
        need(8);
        return buf.getDouble();
    }

    /** A String: uInt byte count, then the bytes (casacore strings are byte strings; read as UTF-8). */
    public String readString() throws TableFormatException {
        int n = readCount(1);
        byte[] b = new byte[n];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * A uInt element count for elements of {@code elementBytes} bytes each (0 for bit-packed Bools),
     * checked against the bytes left so a garbled count cannot trigger a huge allocation.
     */
    public int readCount(int elementBytes) throws TableFormatException {
        int at = buf.position();
        long n = readUInt();
        if (n * elementBytes > buf.remaining() || (elementBytes == 0 && n > 8L * buf.remaining())) {
            throw error("count " + n + " of " + elementBytes + "-byte elements exceeds the " + buf.remaining()
                    + " bytes left: truncated or garbled", at);
        }
        return (int) n;
    }

    /** Reads {@code n} raw bytes. */
    public byte[] readBytes(int n) throws TableFormatException {
        need(n);
        byte[] b = new byte[n];
        buf.get(b);
        return b;
    }

    /** An IPosition object (version 1: Int values, version 2: Int64 values). */
    public long[] readIPosition() throws TableFormatException {
        int version = getStart("IPosition");
        int n = readCount(version == 1 ? 4 : 8);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = version == 1 ? readInt() : readLong();
        }
        getEnd();
        return v;
    }

    /** Skips {@code n} bytes. */
    public void skip(int n) throws TableFormatException {
        need(n);
        buf.position(buf.position() + n);
    }

    private void need(int n) throws TableFormatException {
        if (n < 0 || buf.remaining() < n) {
            throw error("unexpected end of data: needed " + n + " bytes, " + buf.remaining() + " left (truncated)",
                    buf.position());
        }
    }

    /** An error naming the file and the byte offset. */
    public TableFormatException error(String problem, long offset) {
        return new TableFormatException(file, problem + " [at byte " + offset + "]");
    }
}
