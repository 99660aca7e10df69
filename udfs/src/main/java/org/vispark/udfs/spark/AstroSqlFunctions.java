package org.vispark.udfs.spark;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.api.java.UDF8;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vispark.udfs.astro.DirectionParser;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.rephase.Rephaser;
import org.vispark.udfs.rephase.UvwRotation;
import scala.collection.Seq;

/**
 * Registers the Spark SQL functions on directions and phase centres. Directions are J2000 radians; UVW are metres
 * in the MS convention ({@link UvwRotation}); visibility cells are packed lake cells
 * ({@link org.vispark.udfs.vis.PackedCells}). Numeric arguments may be of any SQL numeric type (decimal literals
 * included). Every function returns NULL when an argument is NULL; bad input
 * (an unreadable direction, a cell that does not fit the channels) fails the query with the problem named.
 *
 * <table>
 *   <caption>functions</caption>
 *   <tr><td>{@code ang_sep_arcmin(ra1_rad, dec1_rad, ra2_rad, dec2_rad)}</td><td>double: angular separation, arcmin</td></tr>
 *   <tr><td>{@code parse_direction(text)}</td><td>struct&lt;ra_rad, dec_rad, frame&gt; of a CASA direction string
 *       ({@link DirectionParser})</td></tr>
 *   <tr><td>{@code rephase_uvw(uvw, ra0, dec0, ra1, dec1)}</td><td>array&lt;double&gt;: UVW for phase centre
 *       (ra1, dec1) of the UVW for (ra0, dec0)</td></tr>
 *   <tr><td>{@code rephase_vis(cell, uvw, num_pol, chan_freq_hz, ra0, dec0, ra1, dec1)}</td><td>binary: the packed
 *       complex cell moved from phase centre (ra0, dec0) to (ra1, dec1); {@code uvw} is the row's OLD UVW</td></tr>
 * </table>
 */
public final class AstroSqlFunctions {
    /** Result type of parse_direction. */
    public static final StructType DIRECTION = DataTypes.createStructType(List.of(
            DataTypes.createStructField("ra_rad", DataTypes.DoubleType, false),
            DataTypes.createStructField("dec_rad", DataTypes.DoubleType, false),
            DataTypes.createStructField("frame", DataTypes.StringType, false)));

    /** Names of the functions {@link #register} adds. */
    public static final List<String> NAMES = List.of("ang_sep_arcmin", "parse_direction", "rephase_uvw", "rephase_vis");

    private AstroSqlFunctions() {}

    /** Registers every function in {@code spark}'s session. */
    public static void register(SparkSession spark) {
        spark.udf().register("ang_sep_arcmin", (UDF4<Number, Number, Number, Number, Double>)
                (ra1, dec1, ra2, dec2) -> anyNull(ra1, dec1, ra2, dec2) ? null
                        : Math.toDegrees(Spherical.separation_rad(ra1.doubleValue(), dec1.doubleValue(),
                                ra2.doubleValue(), dec2.doubleValue())) * 60, DataTypes.DoubleType);
        spark.udf().register("parse_direction", (UDF1<String, Row>) text -> {
            if (text == null) {
                return null;
            }
            RaDec d = DirectionParser.parse(text);
            return RowFactory.create(d.ra_rad(), d.dec_rad(), d.frame());
        }, DIRECTION);
        spark.udf().register("rephase_uvw", (UDF5<Seq<Object>, Number, Number, Number, Number, double[]>)
                (uvw, ra0, dec0, ra1, dec1) -> {
                    if (anyNull(uvw, ra0, dec0, ra1, dec1)) {
                        return null;
                    }
                    double[] in = uvw(uvw);
                    double[] out = new double[3];
                    rotation(ra0, dec0, ra1, dec1).apply(in, 0, out, 0);
                    return out;
                }, DataTypes.createArrayType(DataTypes.DoubleType, false));
        spark.udf().register("rephase_vis",
                (UDF8<byte[], Seq<Object>, Number, Seq<Object>, Number, Number, Number, Number, byte[]>)
                (cell, uvw, numPol, freq, ra0, dec0, ra1, dec1) -> {
                    if (anyNull(cell, uvw, numPol, freq, ra0, dec0, ra1, dec1)) {
                        return null;
                    }
                    return new Rephaser(doubles(freq, "chan_freq_hz"), numPol.intValue())
                            .rephasePacked(cell, uvw(uvw), 0, rotation(ra0, dec0, ra1, dec1));
                }, DataTypes.BinaryType);
    }

    private static UvwRotation rotation(Number ra0, Number dec0, Number ra1, Number dec1) {
        return UvwRotation.between(RaDec.j2000(ra0.doubleValue(), dec0.doubleValue()),
                RaDec.j2000(ra1.doubleValue(), dec1.doubleValue()));
    }

    private static double[] uvw(Seq<Object> uvw) {
        double[] v = doubles(uvw, "uvw");
        if (v.length != 3) {
            throw new IllegalArgumentException("uvw must have 3 values, not " + v.length);
        }
        return v;
    }

    private static double[] doubles(Seq<Object> seq, String what) {
        double[] out = new double[seq.length()];
        for (int i = 0; i < out.length; i++) {
            Object v = seq.apply(i);
            if (v == null) {
                throw new IllegalArgumentException(what + "[" + i + "] is NULL");
            }
            out[i] = ((Number) v).doubleValue();
        }
        return out;
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
