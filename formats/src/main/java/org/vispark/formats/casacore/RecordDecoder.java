package org.vispark.formats.casacore;

import java.util.ArrayList;
import java.util.List;
import org.vispark.formats.casacore.aipsio.AipsIoReader;
import org.vispark.formats.casacore.dm.Values;

/**
 * Decodes a casacore {@code TableRecord} AipsIO object (keywords of a table or column), or a plain
 * {@code Record} object (as storage managers keep, e.g. the id and coordinate values of a hypercube).
 *
 * <p>On disk: object "TableRecord" or "Record" (version 1) holding a "RecordDesc" object (field count; per field
 * name, type code, and for sub-records a nested RecordDesc, for tables a description name, for
 * arrays an IPosition shape; from RecordDesc version 2 a comment), an Int record type, then the
 * values in field order. A sub-record whose description is empty is stored as a complete nested
 * record object; otherwise only its values follow. Array values are "Array" objects.
 */
public final class RecordDecoder {
    private record FieldDesc(String name, int typeCode, List<FieldDesc> sub, String comment) {}

    private RecordDecoder() {}

    /** Reads a "TableRecord" or "Record" object. */
    public static TableRecord read(AipsIoReader in) throws TableFormatException {
        String type = in.peekType();
        if (!type.equals("TableRecord") && !type.equals("Record")) {
            throw in.error("record stored as '" + type + "' (pre-2000 casacore keyword set) is not supported",
                    in.position());
        }
        in.getStart(type);
        List<FieldDesc> desc = readDesc(in);
        in.readInt(); // record type (fixed or variable): irrelevant for reading
        TableRecord record = readValues(in, desc);
        in.getEnd();
        return record;
    }

    private static List<FieldDesc> readDesc(AipsIoReader in) throws TableFormatException {
        int version = in.getStart("RecordDesc");
        int n = in.readInt();
        if (n < 0 || n > in.remaining()) {
            throw in.error("record description with " + n + " fields: garbled", in.position());
        }
        List<FieldDesc> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.readString();
            int code = in.readInt();
            List<FieldDesc> sub = null;
            if (code == DataType.RECORD.code()) {
                sub = readDesc(in);
            } else if (code == DataType.TABLE.code()) {
                in.readString(); // table description name
            } else if (DataType.isArrayCode(code)) {
                in.readIPosition(); // shape in the description; the value carries its own
            }
            String comment = version > 1 ? in.readString() : "";
            fields.add(new FieldDesc(name, code, sub, comment));
        }
        in.getEnd();
        return fields;
    }

    private static TableRecord readValues(AipsIoReader in, List<FieldDesc> desc) throws TableFormatException {
        TableRecord record = new TableRecord();
        for (FieldDesc f : desc) {
            Object value;
            DataType type;
            boolean isArray = DataType.isArrayCode(f.typeCode);
            if (f.typeCode == DataType.RECORD.code()) {
                type = DataType.RECORD;
                value = f.sub.isEmpty() ? read(in) : readValues(in, f.sub);
            } else if (f.typeCode == DataType.TABLE.code()) {
                type = DataType.TABLE;
                value = new TableReference(in.readString());
            } else {
                try {
                    type = DataType.fromCode(f.typeCode);
                } catch (IllegalArgumentException e) {
                    throw in.error("keyword '" + f.name + "' has " + e.getMessage(), in.position());
                }
                value = isArray ? readArray(in, type) : readScalar(in, type);
            }
            record.put(new TableRecord.Field(f.name, type, isArray, value, f.comment));
        }
        return record;
    }

    private static Object readScalar(AipsIoReader in, DataType type) throws TableFormatException {
        return switch (type) {
            case BOOL -> in.readBool();
            case CHAR, UCHAR -> in.readByte();
            case SHORT, USHORT -> in.readShort();
            case INT, UINT -> in.readInt();
            case INT64 -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case COMPLEX -> new float[] {in.readFloat(), in.readFloat()};
            case DCOMPLEX -> new double[] {in.readDouble(), in.readDouble()};
            case STRING -> in.readString();
            default -> throw in.error("unexpected keyword type " + type, in.position());
        };
    }

    /**
     * An "Array" object: ndim, (origins before version 3), uInt lengths, uInt count, values (Bool
     * values packed eight to a byte, least significant bit first).
     */
    static ArrayValue readArray(AipsIoReader in, DataType type) throws TableFormatException {
        String objType = in.peekType();
        int version = in.getStart(objType.startsWith("Array<") ? objType : "Array");
        int ndim = in.readInt();
        if (ndim < 0 || ndim > 64) {
            throw in.error("array with " + ndim + " dimensions: garbled", in.position());
        }
        if (version < 3) {
            in.skip(4 * ndim);
        }
        int[] shape = new int[ndim];
        long size = 1;
        for (int i = 0; i < ndim; i++) {
            shape[i] = in.readInt();
            size *= Integer.toUnsignedLong(shape[i]);
        }
        int at = in.position();
        // Bool arrays are bit-packed (ceil(n/8) bytes follow the count)
        int n = in.readCount(type == DataType.STRING ? 4 : type == DataType.BOOL ? 0 : type.byteSize());
        if (n != size) {
            throw in.error("array holds " + n + " values but its shape needs " + size, at);
        }
        Object values = type.newArray(n);
        if (type == DataType.BOOL) {
            Values.unpackBits(in.readBytes((n + 7) / 8), 0, (boolean[]) values, 0, n);
            in.getEnd();
            return new ArrayValue(type, shape, values);
        }
        for (int i = 0; i < n; i++) {
            switch (type) {
                case CHAR, UCHAR -> ((byte[]) values)[i] = in.readByte();
                case SHORT, USHORT -> ((short[]) values)[i] = in.readShort();
                case INT, UINT -> ((int[]) values)[i] = in.readInt();
                case INT64 -> ((long[]) values)[i] = in.readLong();
                case FLOAT -> ((float[]) values)[i] = in.readFloat();
                case DOUBLE -> ((double[]) values)[i] = in.readDouble();
                case COMPLEX -> {
                    ((float[]) values)[2 * i] = in.readFloat();
                    ((float[]) values)[2 * i + 1] = in.readFloat();
                }
                case DCOMPLEX -> {
                    ((double[]) values)[2 * i] = in.readDouble();
                    ((double[]) values)[2 * i + 1] = in.readDouble();
                }
                case STRING -> ((String[]) values)[i] = in.readString();
                default -> throw in.error("unexpected array type " + type, in.position());
            }
        }
        in.getEnd();
        return new ArrayValue(type, shape, values);
    }
}
