package org.vispark.jobs.solve;

import java.io.Serializable;
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
 * targets): tasks carry the handles, and an executor fetches a table once, when a task first uses it. A table of
 * at most {@value #INLINE_SOLUTIONS} solutions (a few hundred kB) travels inside the task instead: creating and
 * destroying a broadcast costs more than sending it, which over an archive of small MS (thousands of small tables)
 * adds up. Closing destroys the broadcasts (on the driver, after the run).
 */
public final class ShippedTables implements AutoCloseable {
    private final JavaSparkContext jsc;
    /** Tables of at most this many solutions travel inside the tasks. */
    static final int INLINE_SOLUTIONS = 4096;
    private final Map<String, Shipped> shipped = new LinkedHashMap<>();

    /** A table as a task carries it: the table itself (small ones) or its broadcast. */
    public record Shipped(PreTable inline, Broadcast<PreTable> broadcast) implements Serializable {
        PreTable value() {
            return inline != null ? inline : broadcast.value();
        }
    }

    public ShippedTables(SparkSession spark) {
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    /**
     * The handle of the table {@code key} names, made by {@code table} and broadcast on the first call with that key.
     */
    public Shipped ship(String key, Supplier<PreTable> table) {
        return shipped.computeIfAbsent(key, k -> {
            PreTable t = table.get();
            return t.solutions().size() <= INLINE_SOLUTIONS ? new Shipped(t, null) : new Shipped(null, jsc.broadcast(t));
        });
    }

    /** The tables of {@code handles}, in order (on an executor: fetched once per executor). */
    public static List<PreTable> values(List<Shipped> handles) {
        List<PreTable> out = new ArrayList<>(handles.size());
        for (Shipped h : handles) {
            out.add(h.value());
        }
        return out;
    }

    @Override
    public void close() {
        for (Shipped s : shipped.values()) {
            if (s.broadcast() != null) {
                s.broadcast().destroy();
            }
        }
        shipped.clear();
    }
}
