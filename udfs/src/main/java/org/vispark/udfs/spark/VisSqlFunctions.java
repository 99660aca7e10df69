package org.vispark.udfs.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vispark.udfs.vis.PackedCells;
import org.vispark.udfs.vis.VisCells;

/**
 * Registers the Spark SQL functions on packed visibility cells ({@link PackedCells}). Every function
 * returns NULL when a cell argument is NULL, and when a channel or polarization lies outside the cell.
 *
 * <table>
 *   <caption>functions</caption>
 *   <tr><td>{@code vis_amp(cell, num_pol, chan, pol)}</td><td>double: |V|</td></tr>
 *   <tr><td>{@code vis_phase(cell, num_pol, chan, pol)}</td><td>double: arg V, radians</td></tr>
 *   <tr><td>{@code vis_real / vis_imag(cell, num_pol, chan, pol)}</td><td>float</td></tr>
 *   <tr><td>{@code vis_flagged(flag, num_chan, num_pol, chan, pol)}</td><td>boolean</td></tr>
 *   <tr><td>{@code vis_chan_avg(cell, flag, num_pol, pol)}</td><td>struct&lt;re, im, amp, phase, n&gt;:
 *       mean of the unflagged channels (flag may be NULL); NULL when all are flagged</td></tr>
 *   <tr><td>{@code vis_chan_avg_range(cell, flag, num_pol, pol, chan_start, chan_end)}</td><td>the same over
 *       channels [chan_start, chan_end)</td></tr>
 *   <tr><td>{@code vis_floats(cell)}</td><td>array&lt;float&gt;: the cell unpacked (complex: re, im interleaved)</td></tr>
 *   <tr><td>{@code vis_flags(flag, num_chan, num_pol)}</td><td>array&lt;boolean&gt;: the flag cell unpacked</td></tr>
 * </table>
 */
public final class VisSqlFunctions {
    /** Result type of the channel averages. */
    public static final StructType CHANNEL_MEAN = DataTypes.createStructType(List.of(
            DataTypes.createStructField("re", DataTypes.DoubleType, false),
            DataTypes.createStructField("im", DataTypes.DoubleType, false),
            DataTypes.createStructField("amp", DataTypes.DoubleType, false),
            DataTypes.createStructField("phase", DataTypes.DoubleType, false),
            DataTypes.createStructField("n", DataTypes.IntegerType, false)));

    /** Names of the functions {@link #register} adds. */
    public static final List<String> NAMES = List.of("vis_amp", "vis_phase", "vis_real", "vis_imag", "vis_flagged",
            "vis_chan_avg", "vis_chan_avg_range", "vis_floats", "vis_flags");

    private VisSqlFunctions() {}

    /** Registers every function in {@code spark}'s session. */
    public static void register(SparkSession spark) {
        registerValue(spark, "vis_amp", VisCells::amplitude, DataTypes.DoubleType);
        registerValue(spark, "vis_phase", VisCells::phase, DataTypes.DoubleType);
        registerValue(spark, "vis_real", VisCells::real, DataTypes.FloatType);
        registerValue(spark, "vis_imag", VisCells::imag, DataTypes.FloatType);
        spark.udf().register("vis_flagged", (UDF5<byte[], Integer, Integer, Integer, Integer, Boolean>)
                (flag, numChan, numPol, chan, pol) -> anyNull(flag, numChan, numPol, chan, pol) ? null
                        : VisCells.flagged(flag, numChan, numPol, chan, pol), DataTypes.BooleanType);
        spark.udf().register("vis_chan_avg", (UDF4<byte[], byte[], Integer, Integer, Row>)
                (cell, flag, numPol, pol) -> anyNull(cell, numPol, pol) ? null
                        : row(VisCells.channelMean(cell, flag, numPol, pol, 0, Integer.MAX_VALUE)), CHANNEL_MEAN);
        spark.udf().register("vis_chan_avg_range", (UDF6<byte[], byte[], Integer, Integer, Integer, Integer, Row>)
                (cell, flag, numPol, pol, start, end) -> anyNull(cell, numPol, pol, start, end) ? null
                        : row(VisCells.channelMean(cell, flag, numPol, pol, start, end)), CHANNEL_MEAN);
        spark.udf().register("vis_floats", (UDF1<byte[], float[]>) cell -> cell == null ? null
                : PackedCells.unpackFloats(cell), DataTypes.createArrayType(DataTypes.FloatType, false));
        spark.udf().register("vis_flags", (UDF3<byte[], Integer, Integer, boolean[]>)
                (flag, numChan, numPol) -> anyNull(flag, numChan, numPol) ? null
                        : PackedCells.unpackFlags(flag, numChan * numPol),
                DataTypes.createArrayType(DataTypes.BooleanType, false));
    }

    /** A function of one value of a complex cell (serializable: Spark ships it to executors). */
    @FunctionalInterface
    private interface CellValue<R> extends java.io.Serializable {
        R apply(byte[] cell, int numPol, int chan, int pol);
    }

    private static <R> void registerValue(SparkSession spark, String name, CellValue<R> f, DataType type) {
        spark.udf().register(name, (UDF4<byte[], Integer, Integer, Integer, R>) (cell, numPol, chan, pol) ->
                anyNull(cell, numPol, chan, pol) ? null : f.apply(cell, numPol, chan, pol), type);
    }

    private static Row row(VisCells.ChannelMean m) {
        return m == null ? null : RowFactory.create(m.re(), m.im(), m.amplitude(), m.phase(), m.channels());
    }

    private static boolean anyNull(Object... values) {
        for (Object v : values) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }
}
