package org.vispark.formats.casacore.write;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.vispark.formats.casacore.DataType;

/** Little-endian bytes of values in their Java array form (Bool one byte per value), for bit-exact comparisons. */
final class CellBytes {
    private CellBytes() {}

    static byte[] of(DataType type, Object values) {
        if (type == DataType.BOOL) {
            boolean[] b = (boolean[]) values;
            byte[] out = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                out[i] = (byte) (b[i] ? 1 : 0);
            }
            return out;
        }
        int n = java.lang.reflect.Array.getLength(values);
        int size = type.byteSize() / type.elementsPerValue();
        ByteBuffer buf = ByteBuffer.allocate(n * size).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case UCHAR -> buf.put((byte[]) values);
            case SHORT, USHORT -> buf.asShortBuffer().put((short[]) values);
            case INT, UINT -> buf.asIntBuffer().put((int[]) values);
            case INT64 -> buf.asLongBuffer().put((long[]) values);
            case FLOAT, COMPLEX -> buf.asFloatBuffer().put((float[]) values);
            case DOUBLE, DCOMPLEX -> buf.asDoubleBuffer().put((double[]) values);
            default -> throw new IllegalArgumentException("no byte form for " + type);
        }
        return buf.array();
    }
}
