package org.vispark.formats.uvh5.write;

import io.jhdf.object.datatype.DataType;
import io.jhdf.storage.HdfBackingStorage;
import io.jhdf.storage.HdfFileChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The HDF5 datatype h5py writes for numpy's bool: an enum of a signed 8-bit integer with members {@code FALSE} = 0
 * and {@code TRUE} = 1 (HDF5 spec, Datatype message, class 8 version 3). jhdf 0.11 writes Java booleans as a
 * bitfield instead, so this type carries its own datatype message and its values, one byte each in C order.
 */
final class BoolType extends DataType {
    private static final int ENUM_CLASS = 8;
    private static final int ENUM_VERSION = 3;
    private final boolean[] values;

    /** A bool type whose dataset holds {@code values}. */
    BoolType(boolean[] values) {
        super(ENUM_CLASS, 1);
        this.values = values;
    }

    @Override
    public ByteBuffer toBuffer() {
        ByteBuffer base = DataType.fromObject((byte) 0).toBuffer(); // jhdf's int8 datatype message
        ByteBuffer b = ByteBuffer.allocate(8 + base.remaining() + 11 + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) (ENUM_VERSION << 4 | ENUM_CLASS));
        b.putShort((short) 2); // class bit field: number of members
        b.put((byte) 0);
        b.putInt(1);
        b.put(base.duplicate());
        // version 3: names null-terminated without padding, then the values in the base type
        b.put(new byte[] {'F', 'A', 'L', 'S', 'E', 0, 'T', 'R', 'U', 'E', 0});
        b.put((byte) 0).put((byte) 1);
        return b.flip();
    }

    @Override
    public void writeData(Object ignored, int[] dimensions, HdfFileChannel channel) {
        byte[] bytes = new byte[values.length];
        for (int k = 0; k < values.length; k++) {
            bytes[k] = (byte) (values[k] ? 1 : 0);
        }
        channel.write(ByteBuffer.wrap(bytes));
    }

    @Override
    public Class<?> getJavaType() {
        return boolean[].class;
    }

    @Override
    public Object fillData(ByteBuffer buffer, int[] dimensions, HdfBackingStorage hdfBackingStorage) {
        throw new UnsupportedOperationException("BoolType only writes");
    }
}
