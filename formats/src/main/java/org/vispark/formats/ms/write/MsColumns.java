package org.vispark.formats.ms.write;

import org.vispark.formats.casacore.ArrayValue;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.TableRecord;
import org.vispark.formats.casacore.TableRecord.Field;
import org.vispark.formats.casacore.write.ColumnSpec;

/**
 * Column specifications with the measure keywords the MeasurementSet definition (v2) requires: QuantumUnits (a
 * String array of units, one per axis or one for all) and MEASINFO ({type, Ref}). Also used for the columns of
 * CASA calibration tables, which follow the same definitions.
 */
public final class MsColumns {
    private MsColumns() {}

    static TableRecord units(String... units) {
        return new TableRecord().put(new Field("QuantumUnits", DataType.STRING, true,
                new ArrayValue(DataType.STRING, new int[] {units.length}, units), ""));
    }

    static TableRecord measure(String type, String ref, String... units) {
        TableRecord info = new TableRecord()
                .put(new Field("type", DataType.STRING, false, type, ""))
                .put(new Field("Ref", DataType.STRING, false, ref, ""));
        return units(units).put(new Field("MEASINFO", DataType.RECORD, false, info, ""));
    }

    static ColumnSpec scalar(String name, DataType type) {
        return ColumnSpec.scalar(name, type, null);
    }

    static ColumnSpec scalar(String name, DataType type, TableRecord keywords) {
        return ColumnSpec.scalar(name, type, keywords);
    }

    static ColumnSpec array(String name, DataType type, int[] shape, TableRecord keywords) {
        return ColumnSpec.array(name, type, shape, keywords);
    }

    /** A TIME-like Double column: MJD seconds, UTC epoch. */
    public static ColumnSpec epoch(String name) {
        return scalar(name, DataType.DOUBLE, measure("epoch", "UTC", "s"));
    }

    /** A Double column of durations in seconds (QuantumUnits "s"), e.g. INTERVAL. */
    public static ColumnSpec seconds(String name) {
        return scalar(name, DataType.DOUBLE, units("s"));
    }
}
