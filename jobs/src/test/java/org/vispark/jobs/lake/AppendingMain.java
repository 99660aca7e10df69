package org.vispark.jobs.lake;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;

/**
 * Commits appends of placeholder files (never read) to the lake's gains table through {@link IcebergTables}, one commit
 * each, in a JVM of its own, for {@link LocalFileLockManagerTest}, starting when the file GO exists (so that several
 * start at once). Args: LAKE COMMITS NAME GO.
 */
public final class AppendingMain {
    private AppendingMain() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        Table t = IcebergTables.of(Lake.open(args[0], conf), conf).table(LakeTable.GAINS);
        int commits = Integer.parseInt(args[1]);
        while (!Files.exists(Path.of(args[3]))) {
            Thread.sleep(5);
        }
        for (int i = 0; i < commits; i++) {
            t.newAppend().appendFile(DataFiles.builder(t.spec())
                    .withPath(args[0] + "/gains/placeholder-" + args[2] + "-" + i + ".parquet")
                    .withFormat(FileFormat.PARQUET).withFileSizeInBytes(100).withRecordCount(1).build()).commit();
        }
    }
}
