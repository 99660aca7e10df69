package org.vispark.jobs.lake;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code vispark lake upgrade}: turns a lake of format version 1 (every table vispark's own files) into version 2
 * ({@link Lake}) in place. Each table becomes an Iceberg table whose first snapshot holds the files version 1
 * readers used ({@link Format1Files}); no data file is rewritten or moved. The format version changes last, so an upgrade stopped half way
 * leaves a version 1 lake, and running it again finishes it (files an Iceberg table already holds are not added
 * twice).
 */
public final class LakeUpgrade {
    private LakeUpgrade() {}

    /** Upgrades the lake at {@code root}; returns the number of files committed to Iceberg tables. */
    public static int upgrade(String root, Configuration conf, PrintStream console) throws IOException {
        Path rootPath = Lake.qualify(root, conf);
        FileSystem fs = rootPath.getFileSystem(conf);
        Properties p = Lake.readProperties(fs, rootPath);
        String version = p.getProperty("format_version");
        if (Integer.toString(Lake.FORMAT_VERSION).equals(version)) {
            console.println(rootPath + " is already at format_version " + version + "; nothing to do");
            return 0;
        }
        if (!Integer.toString(Lake.FORMAT_VERSION_FILES_ONLY).equals(version)) {
            throw new IOException(rootPath + ": format_version " + version + "; this vispark upgrades version "
                    + Lake.FORMAT_VERSION_FILES_ONLY + " to " + Lake.FORMAT_VERSION);
        }
        int buckets;
        try {
            buckets = Integer.parseInt(p.getProperty("baseline_buckets", ""));
        } catch (NumberFormatException e) {
            throw new IOException(rootPath + ": baseline_buckets is not a number: " + p.getProperty("baseline_buckets"));
        }
        LakeLayout layout = new LakeLayout(rootPath.toString(), buckets);
        Lake lake = Lake.of(layout, fs, conf);
        IcebergTables iceberg = IcebergTables.of(lake, conf);
        int committed = 0;
        for (LakeTable t : LakeTable.values()) {
            Set<Path> already = new HashSet<>(iceberg.currentFiles(t));
            List<Path> files = new ArrayList<>();
            for (Path f : Format1Files.of(fs, layout, t)) {
                if (!already.contains(f)) {
                    files.add(f);
                }
            }
            iceberg.table(t);
            iceberg.append(t, files);
            committed += files.size();
            console.printf("%s: %d files committed to Iceberg table %s%n", t.dirName(), files.size(),
                    lake.catalog().sparkName(t));
        }
        Lake.recordCatalog(p, lake.catalog());
        Lake.writeProperties(fs, layout.propertiesFile(), p, Lake.FORMAT_VERSION);
        console.println(rootPath + " upgraded to format_version " + Lake.FORMAT_VERSION);
        return committed;
    }
}
