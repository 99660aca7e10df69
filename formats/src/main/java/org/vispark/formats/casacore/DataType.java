package org.vispark.formats.casacore;

/**
 * The value types of casacore table columns and keywords, with the codes casacore's {@code DataType}
 * enum gives them on disk.
 *
 * <p>Values are handed out in flat Java primitive arrays ({@link #newArray(int)}):
 * Bool as {@code boolean[]}, Char and uChar as {@code byte[]} (uChar unsigned), Short and uShort as
 * {@code short[]} (uShort unsigned), Int and uInt as {@code int[]} (uInt unsigned: use
 * {@link Integer#toUnsignedLong(int)}), Int64 as {@code long[]}, Float as {@code float[]}, Double as
 * {@code double[]}, Complex as {@code float[]} and DComplex as {@code double[]} holding interleaved
 * (real, imaginary) pairs, String as {@code String[]}; the cells of a record column as
 * {@link TableRecord}{@code []}.
 */
public enum DataType {
    BOOL(0, 1), CHAR(1, 1), UCHAR(2, 1), SHORT(3, 2), USHORT(4, 2), INT(5, 4), UINT(6, 4),
    FLOAT(7, 4), DOUBLE(8, 8), COMPLEX(9, 8), DCOMPLEX(10, 16), STRING(11, -1), TABLE(12, -1),
    RECORD(25, -1), INT64(29, 8);

    private final int code;
    private final int byteSize;

    DataType(int code, int byteSize) {
        this.code = code;
        this.byteSize = byteSize;
    }

    /** The number casacore's {@code DataType} enum gives this type. */
    public int code() {
        return code;
    }

    /** Bytes one value occupies in casacore's canonical (unpacked) form; -1 for variable-size types. */
    public int byteSize() {
        return byteSize;
    }

    /** Primitive array elements per value: 2 for Complex and DComplex, 1 otherwise. */
    public int elementsPerValue() {
        return this == COMPLEX || this == DCOMPLEX ? 2 : 1;
    }

    /** A new primitive (or String) array able to hold {@code nValues} values of this type. */
    public Object newArray(int nValues) {
        int n = Math.multiplyExact(nValues, elementsPerValue());
        return switch (this) {
            case BOOL -> new boolean[n];
            case CHAR, UCHAR -> new byte[n];
            case SHORT, USHORT -> new short[n];
            case INT, UINT -> new int[n];
            case INT64 -> new long[n];
            case FLOAT, COMPLEX -> new float[n];
            case DOUBLE, DCOMPLEX -> new double[n];
            case STRING -> new String[n];
            case RECORD -> new TableRecord[n];
            default -> throw new UnsupportedOperationException("no array form for " + this);
        };
    }

    /**
     * The scalar type for a casacore DataType code; array codes (TpArrayBool .. TpArrayString,
     * TpArrayInt64) map to their element type.
     *
     * @throws IllegalArgumentException for codes with no table representation (TpOther, quanta)
     */
    public static DataType fromCode(int code) {
        int scalar = code;
        if (code >= 13 && code <= 24) {
            scalar = code - 13;
        } else if (code == 30) {
            scalar = 29;
        }
        for (DataType t : values()) {
            if (t.code == scalar) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown casacore data type code " + code);
    }

    /** Whether a casacore DataType code denotes an array (TpArray*). */
    public static boolean isArrayCode(int code) {
        return (code >= 13 && code <= 24) || code == 30;
    }
}
