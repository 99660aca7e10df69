package org.vispark.jobs.lake;

import java.io.IOException;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes rows of a result table ({@link LakeTable#isResult()}: diagnostics, gains, pipeline state; or campaigns) for
 * a run: each call writes one Parquet file in the run's staging area, renames it to {@code TABLE/b-RUN-SEQ.parquet} and commits it
 * to the table's Iceberg table ({@link IcebergTables}) as one snapshot, so readers see all of its rows or none, and
 * several jobs may append at once. The views ({@link LakeViews}) show each MS's newest run. Rows of tables with a
 * {@code campaign} column get the campaign (Iceberg branch) the configuration writes to, or null.
 */
public final class ResultTables {
    /** The column of result rows naming the campaign that wrote them: the branch of {@link IcebergTables#BRANCH}. */
    static final String CAMPAIGN = "campaign";
    private final Lake lake;
    private final Configuration conf;
    private final String runId;
    private final IcebergTables iceberg; // one load of each table for the run; commits refresh it
    private int seq;

    public ResultTables(Lake lake, Configuration conf, String runId) {
        this.lake = lake;
        this.conf = conf;
        this.runId = runId;
        this.iceberg = IcebergTables.of(lake, conf);
    }

    /** Writes {@code rows} (records of {@code table}'s schema) as one file; nothing for no rows. */
    public void append(LakeTable table, List<GenericRecord> rows) throws IOException {
        if (!table.isResult() && table != LakeTable.CAMPAIGNS) {
            throw new IllegalArgumentException(table.dirName() + " is not a result table");
        }
        if (rows.isEmpty()) {
            return;
        }
        if (table.schema().getField(CAMPAIGN) != null) {
            String campaign = conf.get(IcebergTables.BRANCH); // null on main
            rows.forEach(r -> r.put(CAMPAIGN, campaign));
        }
        String relative = LakeLayout.batchFile(table, runId, seq++);
        Path tmp = new Path(lake.layout().stagingDir(runId), "results/" + relative);
        LakeParquet.writeTable(tmp, table.schema(), rows, conf);
        Path dst = new Path(lake.layout().root(), relative);
        lake.fs().mkdirs(dst.getParent());
        BatchCommitter.rename(lake.fs(), tmp, dst);
        boolean committed = false;
        try {
            iceberg.append(table, List.of(dst));
            committed = true;
        } finally {
            if (!committed) {
                lake.fs().delete(dst, false); // never committed: no reader can see it
            }
        }
    }
}
