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
     * selects, sorted; a condition Spark cannot evaluate is an {@link IllegalArgumentException} quoting it.
     */
    public static List<Long> converted(SparkSession spark, String where) {
        String sql = "SELECT ms_id FROM ms WHERE status = '" + CatalogueEntry.CONVERTED + "'"
                + (where == null || where.isBlank() ? "" : " AND (" + where + ")") + " ORDER BY ms_id";
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
