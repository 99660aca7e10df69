package org.vispark.jobs.lake;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark SQL type of a lake table as Spark reads its parquet-avro files, for tables with no file
 * yet (an empty lake still has every view). Covers the types the lake's .avsc files use.
 */
public final class SparkSchemas {
    private SparkSchemas() {}

    public static StructType of(LakeTable table) {
        StructType t = (StructType) type(table.schema());
        if (table == LakeTable.VISIBILITIES) {
            t = t.add("obs_date", DataTypes.DateType, true).add("bl_bucket", DataTypes.IntegerType, true);
        }
        return t;
    }

    private static DataType type(Schema s) {
        switch (s.getType()) {
            case RECORD: {
                List<StructField> fields = new ArrayList<>();
                for (Schema.Field f : s.getFields()) {
                    Schema fs = f.schema();
                    boolean nullable = false;
                    if (fs.getType() == Schema.Type.UNION) {
                        nullable = true;
                        fs = fs.getTypes().stream().filter(x -> x.getType() != Schema.Type.NULL).findFirst()
                                .orElseThrow();
                    }
                    fields.add(DataTypes.createStructField(f.name(), type(fs), nullable));
                }
                return DataTypes.createStructType(fields);
            }
            case ARRAY:
                return DataTypes.createArrayType(type(s.getElementType()), false);
            case LONG:
                return s.getLogicalType() instanceof LogicalTypes.TimestampMillis ? DataTypes.TimestampType
                        : DataTypes.LongType;
            case INT:
                return DataTypes.IntegerType;
            case DOUBLE:
                return DataTypes.DoubleType;
            case FLOAT:
                return DataTypes.FloatType;
            case BOOLEAN:
                return DataTypes.BooleanType;
            case STRING:
                return DataTypes.StringType;
            case BYTES:
                return DataTypes.BinaryType;
            default:
                throw new IllegalArgumentException("no Spark type for Avro " + s);
        }
    }
}
