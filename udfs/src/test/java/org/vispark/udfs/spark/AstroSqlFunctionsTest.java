package org.vispark.udfs.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.rephase.Rephaser;
import org.vispark.udfs.rephase.UvwRotation;
import org.vispark.udfs.vis.PackedCells;

class AstroSqlFunctionsTest {
    private static final double RA0 = Math.toRadians(128.571864);
    private static final double DEC0 = Math.toRadians(54.665223);
    private static final double RA1 = Math.toRadians(128.7287);
    private static final double DEC1 = Math.toRadians(55.5725);
    private static final double[] UVW = {812.5, -301.25, 44.0};
    private static final double[] FREQ = {1.311e9, 1.3149e9, 1.3188e9};
    private static final float[] VIS = {1, 0, 0.5f, 0.5f, 2, -1, 0, 1, -3, 0.25f, 1, 1};
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("AstroSqlFunctionsTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/vispark-udfs-test-warehouse")
                .getOrCreate();
        AstroSqlFunctions.register(spark);
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("data", DataTypes.BinaryType, true),
                DataTypes.createStructField("uvw", DataTypes.createArrayType(DataTypes.DoubleType), true),
                DataTypes.createStructField("freq", DataTypes.createArrayType(DataTypes.DoubleType), true),
                DataTypes.createStructField("dir", DataTypes.StringType, true)));
        Dataset<Row> df = spark.createDataFrame(List.of(
                RowFactory.create(PackedCells.packFloats(VIS, 0, VIS.length), List.of(812.5, -301.25, 44.0),
                        List.of(1.311e9, 1.3149e9, 1.3188e9), "J2000 08h34m54.90s +55d34m21.00s"),
                RowFactory.create(null, null, null, null)), schema);
        df.createOrReplaceTempView("v");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<Row> rows(String sql) {
        List<Row> rows = spark.sql(sql).collectAsList();
        assertEquals(2, rows.size());
        for (int i = 0; i < rows.get(1).size(); i++) {
            assertTrue(rows.get(1).isNullAt(i), "NULL in, NULL out: column " + i);
        }
        return rows;
    }

    @Test
    void separationAndDirections() {
        Row r = rows("SELECT ang_sep_arcmin(" + RA0 + ", " + DEC0 + ", " + RA1 + ", IF(dir IS NULL, NULL, " + DEC1
                + ")), parse_direction(dir), parse_direction(dir).frame FROM v").get(0);
        assertEquals(Math.toDegrees(Spherical.separation_rad(RA0, DEC0, RA1, DEC1)) * 60, r.getDouble(0), 1e-12);
        assertTrue(r.getDouble(0) > 54 && r.getDouble(0) < 56, "about 55 arcmin: " + r.getDouble(0));
        Row d = r.getStruct(1);
        assertEquals(Math.toRadians(15 * (8 + 34 / 60.0 + 54.9 / 3600)), d.getDouble(0), 1e-12);
        assertEquals(Math.toRadians(55 + 34 / 60.0 + 21.0 / 3600), d.getDouble(1), 1e-12);
        assertEquals("J2000", r.getString(2));
        Exception e = assertThrows(Exception.class,
                () -> spark.sql("SELECT parse_direction('AZEL 10deg 20deg')").collectAsList());
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        assertTrue(String.valueOf(cause.getMessage()).contains("frame 'AZEL' is not supported"), cause.toString());
    }

    @Test
    void rephasingMatchesTheArrayFunctions() {
        String centres = RA0 + ", " + DEC0 + ", " + RA1 + ", " + DEC1;
        Row r = rows("SELECT rephase_uvw(uvw, " + centres + "), rephase_vis(data, uvw, 2, freq, " + centres + ")"
                + " FROM v").get(0);
        UvwRotation rot = UvwRotation.between(RaDec.j2000(RA0, DEC0), RaDec.j2000(RA1, DEC1));
        double[] expectedUvw = new double[3];
        rot.apply(UVW, 0, expectedUvw, 0);
        List<Double> uvw = r.getList(0);
        assertArrayEquals(expectedUvw, uvw.stream().mapToDouble(Double::doubleValue).toArray(), 0);
        byte[] expected = new Rephaser(FREQ, 2).rephasePacked(PackedCells.packFloats(VIS, 0, VIS.length), UVW, 0, rot);
        assertArrayEquals(expected, (byte[]) r.get(1));
        // and back again in SQL
        String back = RA1 + ", " + DEC1 + ", " + RA0 + ", " + DEC0;
        Row b = rows("SELECT rephase_vis(rephase_vis(data, uvw, 2, freq, " + centres + "), rephase_uvw(uvw, "
                + centres + "), 2, freq, " + back + ") FROM v").get(0);
        float[] again = PackedCells.unpackFloats((byte[]) b.get(0));
        for (int i = 0; i < VIS.length; i++) {
            assertEquals(VIS[i], again[i], 4 * Math.ulp(3f));
        }
    }
}
