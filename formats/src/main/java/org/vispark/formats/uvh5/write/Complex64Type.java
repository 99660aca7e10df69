package org.vispark.formats.uvh5.write;

import io.jhdf.object.datatype.DataType;
import io.jhdf.storage.HdfBackingStorage;
import io.jhdf.storage.HdfFileChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The HDF5 datatype h5py writes for numpy's complex64: a compound of 8 bytes, members {@code r} (offset 0) and
 * {@code i} (offset 4), each an IEEE float32, little-endian. jhdf 0.11 writes no compound type, so this type carries
 * its own datatype message (HDF5 spec, Datatype message, class 6 version 3) and its values: the interleaved
 * {@code (r, i)} floats of the dataset in C order, written as they are.
 */
final class Complex64Type extends DataType {
    private static final int COMPOUND_CLASS = 6;
    private static final int COMPOUND_VERSION = 3;
    private static final int SIZE = 8;
    private final float[] interleaved;

    /** A complex64 type whose dataset holds {@code interleaved.length / 2} values {@code (re, im)}. */
    Complex64Type(float[] interleaved) {
        super(COMPOUND_CLASS, SIZE);
        this.interleaved = interleaved;
    }

    @Override
    public ByteBuffer toBuffer() {
        // the member type: jhdf's own float32 datatype message
        ByteBuffer member = DataType.fromObject(0f).toBuffer();
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * (2 + 1 + member.remaining())).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) (COMPOUND_VERSION << 4 | COMPOUND_CLASS));
        b.putShort((short) 2); // class bit field: number of members
        b.put((byte) 0);
        b.putInt(SIZE);
        // version 3 members: name (null-terminated, not padded), byte offset in 1 byte (the size fits), type
        b.put(new byte[] {'r', 0, 0}).put(member.duplicate());
        b.put(new byte[] {'i', 0, 4}).put(member.duplicate());
        return b.flip();
    }

    @Override
    public void writeData(Object ignored, int[] dimensions, HdfFileChannel channel) {
        ByteBuffer b = ByteBuffer.allocate(4 * interleaved.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(interleaved);
        channel.write(b);
    }

    @Override
    public Class<?> getJavaType() {
        return float[].class;
    }

    @Override
    public Object fillData(ByteBuffer buffer, int[] dimensions, HdfBackingStorage hdfBackingStorage) {
        throw new UnsupportedOperationException("Complex64Type only writes");
    }
}
