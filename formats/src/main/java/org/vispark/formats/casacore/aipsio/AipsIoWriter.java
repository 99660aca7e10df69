package org.vispark.formats.casacore.aipsio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Writes casacore's AipsIO object framing into memory, as {@link AipsIoReader} reads it: the magic value
 * {@code 0xbebebebe} before the first object; each object a uInt total length (from the length field to the
 * object's end, filled in when the object ends), its type name as a String and a uInt version. A String is
 * a uInt byte count and its UTF-8 bytes, a Bool one byte. {@code table.dat} is written big-endian.
 */
public final class AipsIoWriter {
    private final ByteOrder order;
    private final Deque<Integer> objects = new ArrayDeque<>();
    private ByteBuffer buf;

    public AipsIoWriter(ByteOrder order) {
        this.order = order;
        this.buf = ByteBuffer.allocate(1024).order(order);
    }

    /** Starts an object of {@code type} and {@code version}; the first one is preceded by the magic value. */
    public AipsIoWriter putStart(String type, int version) {
        if (objects.isEmpty() && buf.position() == 0) {
            writeInt(AipsIoReader.MAGIC);
        }
        objects.push(buf.position());
        writeInt(AipsIoReader.MAGIC); // the length, filled in by putEnd
        writeString(type);
        writeInt(version);
        return this;
    }

    /** Ends the current object, writing its length at its start. */
    public AipsIoWriter putEnd() {
        if (objects.isEmpty()) {
            throw new IllegalStateException("putEnd without putStart");
        }
        int start = objects.pop();
        buf.putInt(start, buf.position() - start);
        return this;
    }

    public AipsIoWriter writeBool(boolean v) {
        ensure(1).put((byte) (v ? 1 : 0));
        return this;
    }

    public AipsIoWriter writeByte(byte v) {
        ensure(1).put(v);
        return this;
    }

    public AipsIoWriter writeShort(short v) {
        ensure(2).putShort(v);
        return this;
    }

    public AipsIoWriter writeInt(int v) {
        ensure(4).putInt(v);
        return this;
    }

    public AipsIoWriter writeLong(long v) {
        ensure(8).putLong(v);
        return this;
    }

    public AipsIoWriter writeFloat(float v) {
        ensure(4).putFloat(v);
        return this;
    }

    public AipsIoWriter writeDouble(double v) {
        ensure(8).putDouble(v);
        return this;
    }

    public AipsIoWriter writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b.length);
        return writeBytes(b);
    }

    public AipsIoWriter writeBytes(byte[] b) {
        ensure(b.length).put(b);
        return this;
    }

    /** An IPosition object (version 1: Int values). */
    public AipsIoWriter writeIPosition(int[] shape) {
        putStart("IPosition", 1);
        writeInt(shape.length);
        for (int s : shape) {
            writeInt(s);
        }
        return putEnd();
    }

    /** The bytes written so far; every object must have ended. */
    public byte[] toByteArray() {
        if (!objects.isEmpty()) {
            throw new IllegalStateException(objects.size() + " AipsIO object(s) not ended");
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }

    public ByteOrder order() {
        return order;
    }

    private ByteBuffer ensure(int n) {
        if (buf.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(2 * buf.capacity(), buf.position() + n)).order(order);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        return buf;
    }
}
