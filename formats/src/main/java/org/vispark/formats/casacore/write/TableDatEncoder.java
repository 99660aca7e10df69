package org.vispark.formats.casacore.write;

import java.nio.ByteOrder;
import java.util.List;
import org.vispark.formats.casacore.ColumnDesc;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.RecordEncoder;
import org.vispark.formats.casacore.TableRecord;
import org.vispark.formats.casacore.aipsio.AipsIoWriter;

/**
 * Encodes {@code table.dat} (big-endian AipsIO, as {@link org.vispark.formats.casacore.Table} reads it), the
 * way casacore's PlainTable writes a table with rows below 2^31: object "Table" version 2 with the uInt row
 * count, uInt 0 or 1 (data files big- or little-endian), "PlainTable", the "TableDesc" (version 2: name, version
 * text, comment, keywords, empty private keywords, the column descriptions), then the column set (Int -2, uInt
 * row count, uInt data-manager counter, the data managers' types and sequence numbers, each column's binding,
 * each data manager's blob).
 *
 * <p>A column description is a uInt 1, its class name ({@code ScalarColumnDesc<Int     },
 * {@code ArrayColumnDesc<Complex }: casacore's 8-character type names), then uInt 1, name, comment, data
 * manager type and group, Int type code, Int options (arrays: FixedShape, plus Direct for StandardStMan),
 * Int ndim, the shape (arrays), Int maximum string length 0, the keywords, uInt 1 and the default value
 * (scalars: zero of the type) or Bool false (arrays).
 */
final class TableDatEncoder {
    /** One data manager: its type, name (group), columns in binding order and its table.dat blob. */
    record Manager(String type, String name, List<ColumnSpec> columns, byte[] blob) {}

    private TableDatEncoder() {}

    static byte[] encode(long rowCount, ByteOrder dataOrder, String descName, TableRecord keywords,
            List<ColumnSpec> columns, List<Manager> managers) {
        if (rowCount < 0 || rowCount > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("row count " + rowCount + " outside 0.." + Integer.MAX_VALUE);
        }
        AipsIoWriter out = new AipsIoWriter(ByteOrder.BIG_ENDIAN);
        out.putStart("Table", 2);
        out.writeInt((int) rowCount);
        out.writeInt(dataOrder == ByteOrder.BIG_ENDIAN ? 0 : 1);
        out.writeString("PlainTable");
        out.putStart("TableDesc", 2);
        out.writeString(descName);
        out.writeString("1.0");
        out.writeString("");
        RecordEncoder.write(keywords, out);
        RecordEncoder.write(new TableRecord(), out);
        out.writeInt(columns.size());
        for (ColumnSpec c : columns) {
            Manager m = managerOf(c, managers);
            writeColumnDesc(c, m, out);
        }
        out.putEnd();
        out.writeInt(-2); // column set version, negated
        out.writeInt((int) rowCount);
        out.writeInt(managers.size()); // data manager sequence counter
        out.writeInt(managers.size());
        for (int i = 0; i < managers.size(); i++) {
            out.writeString(managers.get(i).type());
            out.writeInt(i);
        }
        for (ColumnSpec c : columns) {
            out.writeInt(2); // PlainColumn version
            out.writeString(c.name());
            out.writeInt(1); // ScalarColumnData / ArrayColumnData version
            out.writeInt(managers.indexOf(managerOf(c, managers)));
            if (c.isArray()) {
                out.writeBool(true); // fixed shape defined
                out.writeIPosition(c.shape());
            }
        }
        for (Manager m : managers) {
            out.writeInt(m.blob().length);
            out.writeBytes(m.blob());
        }
        out.putEnd();
        return out.toByteArray();
    }

    private static Manager managerOf(ColumnSpec c, List<Manager> managers) {
        for (Manager m : managers) {
            if (m.columns().contains(c)) {
                return m;
            }
        }
        throw new IllegalArgumentException("column " + c.name() + " is in no data manager");
    }

    private static void writeColumnDesc(ColumnSpec c, Manager m, AipsIoWriter out) {
        out.writeInt(1);
        out.writeString((c.isArray() ? "ArrayColumnDesc<" : "ScalarColumnDesc<") + typeId(c.type()));
        out.writeInt(1);
        out.writeString(c.name());
        out.writeString(c.comment());
        out.writeString(m.type());
        out.writeString(m.name());
        out.writeInt(c.type().code());
        int options = 0;
        if (c.isArray()) {
            options = ColumnDesc.OPTION_FIXED_SHAPE
                    | (c.storage() == ColumnSpec.Storage.STANDARD ? ColumnDesc.OPTION_DIRECT : 0);
        }
        out.writeInt(options);
        out.writeInt(c.shape().length);
        if (c.isArray()) {
            out.writeIPosition(c.shape());
        }
        out.writeInt(0); // maximum string length: none
        RecordEncoder.write(c.keywords(), out);
        out.writeInt(1);
        if (c.isArray()) {
            out.writeBool(false);
        } else {
            writeZero(c.type(), out);
        }
    }

    private static void writeZero(DataType type, AipsIoWriter out) {
        switch (type) {
            case BOOL -> out.writeBool(false);
            case UCHAR -> out.writeByte((byte) 0);
            case SHORT, USHORT -> out.writeShort((short) 0);
            case INT, UINT -> out.writeInt(0);
            case INT64 -> out.writeLong(0);
            case FLOAT -> out.writeFloat(0);
            case DOUBLE -> out.writeDouble(0);
            case COMPLEX -> out.writeFloat(0).writeFloat(0);
            case DCOMPLEX -> out.writeDouble(0).writeDouble(0);
            case STRING -> out.writeString("");
            default -> throw new IllegalArgumentException("no scalar column of type " + type);
        }
    }

    /** casacore's 8-character name of a value type, as in column description class names. */
    static String typeId(DataType type) {
        return switch (type) {
            case BOOL -> "Bool    ";
            case UCHAR -> "uChar   ";
            case SHORT -> "Short   ";
            case USHORT -> "uShort  ";
            case INT -> "Int     ";
            case UINT -> "uInt    ";
            case INT64 -> "Int64   ";
            case FLOAT -> "float   ";
            case DOUBLE -> "double  ";
            case COMPLEX -> "Complex ";
            case DCOMPLEX -> "DComplex";
            case STRING -> "String  ";
            default -> throw new IllegalArgumentException("no column of type " + type);
        };
    }
}
