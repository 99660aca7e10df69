package org.vispark.jobs.lake;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;

/**
 * {@code vispark lake relocate LAKE}: makes a copied lake its own. Iceberg names files by absolute path, so the
 * Iceberg metadata of a lake copied elsewhere ({@code cp -r}, {@code hdfs dfs -cp}) still names the original's files.
 * Relocation reads each table's current snapshot (through the metadata's own paths: the original must still be
 * readable), maps every file under the original root to the same path under this root, and registers new Iceberg
 * tables holding exactly those files, one snapshot each. Earlier snapshots are not carried over: time travel in the
 * copy starts at the relocation. The copied metadata is first renamed {@code _iceberg.original} and deleted last, so
 * an interrupted relocation is finished by running it again.
 */
public final class LakeRelocate {
    private LakeRelocate() {}

    /** Relocates the lake at {@code root}; returns the number of files registered. */
    public static int relocate(String root, Configuration conf, PrintStream console) throws IOException {
        Lake lake = Lake.open(root, conf);
        if (!lake.catalog().isHadoop()) {
            throw new IOException(lake.layout().root() + " keeps its tables in " + lake.catalog().describe() + ": relocate"
                    + " makes copies of lakes in the default Hadoop catalog their own, not of lakes in other catalogs");
        }
        FileSystem fs = lake.fs();
        LakeLayout layout = lake.layout();
        Path original = new Path(layout.root(), "_iceberg.original"); // the copied metadata, while relocating
        if (!fs.exists(original)) {
            if (!moved(layout, fs, conf)) {
                console.println(layout.root() + " has not moved; nothing to do");
                return 0;
            }
            BatchCommitter.rename(fs, layout.icebergWarehouse(), original);
        }
        HadoopTables byPath = new HadoopTables(conf);
        Map<LakeTable, List<Path>> files = new EnumMap<>(LakeTable.class);
        String from = null;
        for (LakeTable t : LakeTable.values()) {
            Path metadata = new Path(original, t.dirName());
            if (!fs.exists(new Path(metadata, "metadata"))) {
                continue;
            }
            Table table = byPath.load(metadata.toString());
            from = IcebergTables.rootOf(table.location(), t);
            List<Path> mapped = new ArrayList<>();
            try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                for (FileScanTask task : tasks) {
                    String location = task.file().location();
                    if (!location.startsWith(from + "/")) {
                        throw new IOException(t.dirName() + ": file " + location + " is not below the lake's original"
                                + " root " + from);
                    }
                    mapped.add(new Path(layout.root(), location.substring(from.length() + 1)));
                }
            }
            files.put(t, mapped);
        }
        fs.delete(layout.icebergWarehouse(), true); // what an interrupted relocation began
        IcebergTables fresh = IcebergTables.of(lake, conf);
        int n = 0;
        for (Map.Entry<LakeTable, List<Path>> e : files.entrySet()) {
            fresh.table(e.getKey());
            fresh.append(e.getKey(), e.getValue());
            n += e.getValue().size();
            console.printf("%s: %d files registered%n", e.getKey().dirName(), e.getValue().size());
        }
        fs.delete(original, true);
        console.println(layout.root() + " relocated from " + from + " (time travel starts now)");
        return n;
    }

    /** Whether the lake's Iceberg tables name another root than its own. */
    private static boolean moved(LakeLayout layout, FileSystem fs, Configuration conf) throws IOException {
        HadoopTables byPath = new HadoopTables(conf);
        for (LakeTable t : LakeTable.values()) {
            Path metadata = new Path(layout.icebergWarehouse(), t.dirName());
            if (fs.exists(new Path(metadata, "metadata"))) {
                return !byPath.load(metadata.toString()).location().equals(metadata.toString());
            }
        }
        return false;
    }
}
