package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The converted MS of a lake that a job working on each of them (apply, predict, rephase, flag, solve) selected with
 * its {@code --where} ({@link MsSelection}; {@code ids} sorted), and the lake as it was read for them: opened, its
 * views registered where needed ({@link LakeViews}, so the job's own SQL can name them) and its catalogue read.
 *
 * <p>Their state, {@link #current()}, is a second step: a job announces the selection (or stops at an empty one)
 * before that read of the whole lake's subtables and file listing.
 */
public record SelectedMs(Lake lake, Configuration conf, Catalogue catalogue, List<Long> ids) {

    /**
     * Opens the lake at {@code lakeRoot} and selects the converted MS that {@code where} (null: all) names.
     *
     * @param views whether the job queries the lake's views itself: they are all registered then, and otherwise
     *              only the catalogue's, for a {@code where} (registering lists every table's files and costs
     *              seconds, per job of a pipeline)
     */
    public static SelectedMs select(SparkSession spark, String lakeRoot, String where, boolean views)
            throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Lake lake = Lake.open(lakeRoot, conf);
        if (views) {
            LakeViews.register(spark, lake);
        } else if (!MsSelection.all(where)) {
            LakeViews.registerCatalogue(spark, lake);
        }
        Catalogue catalogue = Catalogue.read(lake, conf);
        return new SelectedMs(lake, conf, catalogue, MsSelection.converted(spark, catalogue, where));
    }

    /** The current subtable rows and visibility files of the selected MS, for a run with a new id. */
    public Current current() throws IOException {
        return new Current(this, MsVersions.currentSubtables(lake, conf, catalogue, Set.copyOf(ids)),
                MsVersions.visibilityFiles(lake, conf, catalogue), BatchCommitter.newRunId());
    }

    /**
     * The selected MS as a run over them finds them.
     *
     * @param subtables the subtable rows of the current version of each MS ({@link MsVersions#currentSubtables})
     * @param files     the visible visibility files of each MS, relative to the lake root
     * @param runId     the run's id ({@link BatchCommitter#newRunId}): its staging directory and the records it writes
     */
    public record Current(SelectedMs selected, Map<Long, Map<LakeTable, List<GenericRecord>>> subtables,
            Map<Long, List<String>> files, String runId) {

        /** The subtable rows of MS {@code msId} (none when it has none). */
        public Map<LakeTable, List<GenericRecord>> subtables(long msId) {
            return subtables.getOrDefault(msId, Map.of());
        }

        /** The visibility files of MS {@code msId}. */
        public List<String> files(long msId) {
            return files.getOrDefault(msId, List.of());
        }

        /** Where the run's new versions go ({@link NewVersions}), recorded as written by {@code visparkVersion}. */
        public NewVersions.Run newVersions(String visparkVersion) {
            return new NewVersions.Run(selected.lake(), selected.conf(), selected.catalogue(), runId, subtables,
                    visparkVersion);
        }
    }
}
