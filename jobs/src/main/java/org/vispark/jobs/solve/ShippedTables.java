package org.vispark.jobs.solve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * The gains tables of a run's tasks shipped to the executors as Spark broadcasts, one per distinct table, instead
 * of inside every task (a DSA-110 B table is 10 MB serialized, and the tables of a calibrator apply to all its
 * targets): tasks carry the handles, and an executor fetches a table once, when a task first uses it. Closing
 * destroys the broadcasts (on the driver, after the run).
 */
public final class ShippedTables implements AutoCloseable {
    private final JavaSparkContext jsc;
    private final Map<String, Broadcast<PreTable>> shipped = new LinkedHashMap<>();

    public ShippedTables(SparkSession spark) {
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    /**
     * The handle of the table {@code key} names, made by {@code table} and broadcast on the first call with that key.
     */
    public Broadcast<PreTable> ship(String key, Supplier<PreTable> table) {
        return shipped.computeIfAbsent(key, k -> jsc.broadcast(table.get()));
    }

    /** The tables of {@code handles}, in order (on an executor: fetched once per executor). */
    public static List<PreTable> values(List<Broadcast<PreTable>> handles) {
        List<PreTable> out = new ArrayList<>(handles.size());
        for (Broadcast<PreTable> h : handles) {
            out.add(h.value());
        }
        return out;
    }

    @Override
    public void close() {
        for (Broadcast<PreTable> b : shipped.values()) {
            b.destroy();
        }
        shipped.clear();
    }
}
