package org.vispark.formats.ms;

import java.io.IOException;
import org.vispark.formats.casacore.ArrayValue;
import org.vispark.formats.casacore.ColumnDesc;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.casacore.TableRecord;

/**
 * Units and reference frames of MS columns, from their {@code QuantumUnits} and {@code MEASINFO}
 * keywords, so values can be handed out in SI units (rad, Hz, s, m) with their frame named.
 */
final class ColumnUnits {
    private ColumnUnits() {}

    /** The factor that turns a value of the column's (first) unit into SI; 1 when no unit is recorded. */
    static double toSi(Table table, String column) throws TableFormatException {
        String[] units = table.columnDesc(column).keywords().getStrings("QuantumUnits");
        if (units == null || units.length == 0 || units[0].isEmpty()) {
            return 1;
        }
        return switch (units[0]) {
            case "rad", "Hz", "s", "m" -> 1;
            case "deg" -> Math.PI / 180;
            case "arcmin" -> Math.PI / 180 / 60;
            case "arcsec" -> Math.PI / 180 / 3600;
            case "kHz" -> 1e3;
            case "MHz" -> 1e6;
            case "GHz" -> 1e9;
            case "d" -> 86400;
            case "h" -> 3600;
            case "min" -> 60;
            case "km" -> 1e3;
            default -> throw new TableFormatException(table.path(),
                    "column " + column + " has unit '" + units[0] + "', which vispark does not convert");
        };
    }

    /**
     * The reference frame of a measure column at {@code row}: {@code MEASINFO.Ref}, or, for a
     * variable-reference column ({@code MEASINFO.VarRefCol}), the code in that column mapped through
     * {@code TabRefTypes}/{@code TabRefCodes}. {@code fallback} when the column states none.
     */
    static String frame(Table table, String column, long row, String fallback) throws IOException {
        ColumnDesc desc = table.columnDesc(column);
        TableRecord info = desc.keywords().getRecord("MEASINFO");
        if (info == null) {
            return fallback;
        }
        String ref = info.getString("Ref");
        if (ref != null) {
            return ref;
        }
        String refColumn = info.getString("VarRefCol");
        if (refColumn == null || !table.hasColumn(refColumn)) {
            return fallback;
        }
        TableColumn c = table.column(refColumn);
        Object v = c.read(row, 1);
        if (v instanceof String[] s) {
            return s[0];
        }
        int code = ((int[]) v)[0];
        String[] types = info.getStrings("TabRefTypes");
        Object codes = info.get("TabRefCodes");
        if (types != null && codes instanceof ArrayValue a && a.values() instanceof int[] ints) {
            for (int i = 0; i < ints.length && i < types.length; i++) {
                if (ints[i] == code) {
                    return types[i];
                }
            }
        }
        throw new TableFormatException(table.path(), "column " + refColumn + " row " + row + " holds frame code "
                + code + ", which MEASINFO of " + column + " does not define");
    }
}
