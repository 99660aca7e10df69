package org.vispark.udfs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.vispark.udfs.vis.PackedCells;

class VisSqlFunctionsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[1]").appName("VisSqlFunctionsTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/vispark-udfs-test-warehouse")
                .getOrCreate();
        VisSqlFunctions.register(spark);
        // two channels, two polarizations: (3 + 4i, 1 + 0i), (0 + 2i, -1 + 0i); channel 1 pol 0 flagged
        byte[] data = PackedCells.packFloats(new float[] {3, 4, 1, 0, 0, 2, -1, 0}, 0, 8);
        byte[] flag = PackedCells.packFlags(new boolean[] {false, false, true, false}, 0, 4);
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("data", DataTypes.BinaryType, true),
                DataTypes.createStructField("flag", DataTypes.BinaryType, true)));
        Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(data, flag),
                RowFactory.create(null, null)), schema);
        df.createOrReplaceTempView("v");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Row one(String sql) {
        List<Row> rows = spark.sql(sql).collectAsList();
        assertEquals(2, rows.size());
        assertTrue(rows.get(1).anyNull() || rows.get(1).isNullAt(0));
        return rows.get(0);
    }

    @Test
    void valuesAndFlags() {
        Row r = one("SELECT vis_amp(data, 2, 0, 0), vis_phase(data, 2, 1, 0), vis_real(data, 2, 1, 1),"
                + " vis_imag(data, 2, 0, 0), vis_flagged(flag, 2, 2, 1, 0), vis_flagged(flag, 2, 2, 0, 0),"
                + " vis_amp(data, 2, 2, 0) FROM v");
        assertEquals(5.0, r.getDouble(0), 0);
        assertEquals(Math.PI / 2, r.getDouble(1), 1e-15);
        assertEquals(-1f, r.getFloat(2));
        assertEquals(4f, r.getFloat(3));
        assertTrue(r.getBoolean(4));
        assertEquals(false, r.getBoolean(5));
        assertTrue(r.isNullAt(6));
    }

    @Test
    void channelAverages() {
        Row r = one("SELECT vis_chan_avg(data, flag, 2, 0), vis_chan_avg(data, NULL, 2, 0),"
                + " vis_chan_avg_range(data, flag, 2, 1, 1, 2).re, vis_chan_avg_range(data, flag, 2, 0, 1, 2) FROM v");
        Row unflagged = r.getStruct(0);
        assertEquals(3.0, unflagged.getDouble(0), 0);
        assertEquals(4.0, unflagged.getDouble(1), 0);
        assertEquals(5.0, unflagged.getDouble(2), 0);
        assertEquals(1, unflagged.getInt(4));
        Row all = r.getStruct(1);
        assertEquals(1.5, all.getDouble(0), 0);
        assertEquals(3.0, all.getDouble(1), 0);
        assertEquals(2, all.getInt(4));
        assertEquals(-1.0, r.getDouble(2), 0);
        assertNull(r.get(3));
    }

    @Test
    void unpacked() {
        Row r = one("SELECT vis_floats(data), vis_flags(flag, 2, 2) FROM v");
        assertEquals(List.of(3f, 4f, 1f, 0f, 0f, 2f, -1f, 0f), r.getList(0));
        assertEquals(List.of(false, false, true, false), r.getList(1));
    }
}
