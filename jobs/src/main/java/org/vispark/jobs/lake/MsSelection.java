package org.vispark.jobs.lake;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The {@code --where} of the jobs: which converted MS of a lake (views registered by {@link LakeViews}) to work on. */
public final class MsSelection {
    private MsSelection() {}

    /**
     * ms_id of the converted MS that {@code where} (a SQL condition over the {@code ms} view; null or blank: all)
     * selects, sorted; a condition Spark cannot evaluate is an {@link IllegalArgumentException} quoting it. With no
     * {@code where}, read from the lake's catalogue as already read (no Spark query, no views needed).
     */
    public static List<Long> converted(SparkSession spark, Catalogue catalogue, String where) {
        if (all(where)) {
            return catalogue.current().values().stream().filter(CatalogueEntry::isConverted)
                    .map(CatalogueEntry::msId).sorted().toList();
        }
        return query(spark, where);
    }

    /** Whether {@code where} selects every MS (null or blank). */
    static boolean all(String where) {
        return where == null || where.isBlank();
    }

    /** The selection by a Spark query over the {@code ms} view, whatever {@code where} is. */
    static List<Long> query(SparkSession spark, String where) {
        String sql = "SELECT ms_id FROM ms WHERE status = '" + CatalogueEntry.CONVERTED + "'"
                + (all(where) ? "" : " AND (" + where + ")") + " ORDER BY ms_id";
        List<Long> ids = new ArrayList<>();
        try {
            for (Row r : spark.sql(sql).collectAsList()) {
                ids.add(r.getLong(0));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--where '" + where + "' is not a valid condition on the ms table: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return ids;
    }
}
