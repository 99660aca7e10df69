package org.vispark.formats.casacore.dm.ism;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.dm.Values;

/**
 * Decodes one stored cell (a scalar or a fixed-shape direct array of {@code valuesPerCell}
 * values) from an IncrementalStMan bucket, as casacore's ISMColumn stores it in the table's byte
 * order: Bools one bit each (least significant bit first, {@code ceil(n / 8)} bytes); numbers in
 * their canonical size (Complex as two floats); Strings as a uInt total byte length (counting the
 * length field itself) followed, for a single string, by its bytes, or, for several, by a uInt
 * length and the bytes of each.
 */
final class IsmCellDecoder {
    private final DataType type;
    private final int valuesPerCell;
    private final int storedBytes;

    IsmCellDecoder(DataType type, int valuesPerCell) {
        this.type = type;
        this.valuesPerCell = valuesPerCell;
        this.storedBytes = switch (type) {
            case BOOL -> (valuesPerCell + 7) / 8;
            case STRING -> -1;
            default -> type.byteSize() * valuesPerCell;
        };
    }

    /** Decodes the cell stored at byte {@code position} of {@code bucket} into {@code out} at element {@code outOffset}. */
    void decode(IsmBucket bucket, int position, Object out, int outOffset) throws TableFormatException {
        if (type == DataType.STRING) {
            decodeStrings(bucket, position, (String[]) out, outOffset);
            return;
        }
        bucket.checkValue(position, storedBytes);
        ByteBuffer b = bucket.buffer();
        if (valuesPerCell != 1 || type == DataType.COMPLEX || type == DataType.DCOMPLEX) {
            if (type == DataType.BOOL) {
                Values.unpackBits(bucket.bytes(), 8L * position, (boolean[]) out, outOffset, valuesPerCell);
            } else {
                b.position(position);
                Values.decode(type, b, valuesPerCell, out, outOffset);
            }
            return;
        }
        switch (type) {
            case BOOL -> ((boolean[]) out)[outOffset] = (b.get(position) & 1) != 0;
            case UCHAR, CHAR -> ((byte[]) out)[outOffset] = b.get(position);
            case SHORT, USHORT -> ((short[]) out)[outOffset] = b.getShort(position);
            case INT, UINT -> ((int[]) out)[outOffset] = b.getInt(position);
            case INT64 -> ((long[]) out)[outOffset] = b.getLong(position);
            case FLOAT -> ((float[]) out)[outOffset] = b.getFloat(position);
            case DOUBLE -> ((double[]) out)[outOffset] = b.getDouble(position);
            default -> throw new IllegalStateException("no scalar decoding for " + type);
        }
    }

    private void decodeStrings(IsmBucket bucket, int position, String[] out, int outOffset)
            throws TableFormatException {
        ByteBuffer b = bucket.buffer();
        bucket.checkValue(position, 4);
        long total = Integer.toUnsignedLong(b.getInt(position));
        bucket.checkValue(position, total);
        int end = (int) (position + total);
        int at = position + 4;
        for (int i = 0; i < valuesPerCell; i++) {
            long length;
            if (valuesPerCell == 1) {
                length = total - 4;
            } else {
                bucket.checkValue(at, 4);
                length = Integer.toUnsignedLong(b.getInt(at));
                at += 4;
            }
            if (length < 0 || at + length > end) {
                throw bucket.error("string " + i + " of the cell at byte " + position + " runs past its "
                        + total + "-byte value");
            }
            out[outOffset + i] = new String(bucket.bytes(), at, (int) length, StandardCharsets.UTF_8);
            at += (int) length;
        }
    }
}
