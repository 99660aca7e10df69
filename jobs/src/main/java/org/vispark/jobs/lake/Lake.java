package org.vispark.jobs.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * An existing or new visibility lake: its root, file system and the layout fixed when it was created
 * ({@code _lake.properties}: {@code format=vispark-lake}, {@code format_version}, {@code baseline_buckets}).
 */
public final class Lake {
    public static final String FORMAT = "vispark-lake";
    public static final int FORMAT_VERSION = 1;
    /** Baseline buckets of a new lake unless told otherwise; README's "Lake layout" shows the arithmetic. */
    public static final int DEFAULT_BASELINE_BUCKETS = 8;

    private final LakeLayout layout;
    private final FileSystem fs;

    private Lake(LakeLayout layout, FileSystem fs) {
        this.layout = layout;
        this.fs = fs;
    }

    public LakeLayout layout() {
        return layout;
    }

    public FileSystem fs() {
        return fs;
    }

    /** Opens an existing lake. */
    public static Lake open(String root, Configuration conf) throws IOException {
        Path rootPath = qualify(root, conf);
        FileSystem fs = rootPath.getFileSystem(conf);
        Path props = new Path(rootPath, "_lake.properties");
        if (!fs.exists(props)) {
            throw new IOException(rootPath + " is not a vispark lake (no _lake.properties); `vispark convert --lake "
                    + root + " MS...` creates one");
        }
        return new Lake(new LakeLayout(rootPath.toString(), readBuckets(fs, props)), fs);
    }

    /**
     * Opens the lake at {@code root}, creating it when the directory holds no lake yet.
     *
     * @param baselineBuckets buckets of a new lake; null for the default. For an existing lake it must
     *     be null or equal the lake's own.
     */
    public static Lake openOrCreate(String root, Integer baselineBuckets, Configuration conf) throws IOException {
        Path rootPath = qualify(root, conf);
        FileSystem fs = rootPath.getFileSystem(conf);
        Path props = new Path(rootPath, "_lake.properties");
        if (fs.exists(props)) {
            int buckets = readBuckets(fs, props);
            if (baselineBuckets != null && baselineBuckets != buckets) {
                throw new IOException(rootPath + " has baseline_buckets=" + buckets + "; it cannot change to "
                        + baselineBuckets + " (a new lake can)");
            }
            return new Lake(new LakeLayout(rootPath.toString(), buckets), fs);
        }
        int buckets = baselineBuckets == null ? DEFAULT_BASELINE_BUCKETS : baselineBuckets;
        LakeLayout layout = new LakeLayout(rootPath.toString(), buckets);
        fs.mkdirs(rootPath);
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("format_version", Integer.toString(FORMAT_VERSION));
        p.setProperty("baseline_buckets", Integer.toString(buckets));
        p.setProperty("created", Instant.now().toString());
        Path tmp = new Path(rootPath, "._lake.properties.tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            p.store(out, "vispark visibility lake; see docs/lake.md");
        }
        if (!fs.rename(tmp, props)) {
            throw new IOException("could not create " + props);
        }
        return new Lake(layout, fs);
    }

    private static int readBuckets(FileSystem fs, Path props) throws IOException {
        Properties p = new Properties();
        try (InputStream in = fs.open(props)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IOException(props + ": format is '" + p.getProperty("format") + "', not " + FORMAT);
        }
        String version = p.getProperty("format_version");
        if (!Integer.toString(FORMAT_VERSION).equals(version)) {
            throw new IOException(props + ": format_version " + version + "; this vispark reads version "
                    + FORMAT_VERSION);
        }
        try {
            return Integer.parseInt(p.getProperty("baseline_buckets", ""));
        } catch (NumberFormatException e) {
            throw new IOException(props + ": baseline_buckets is not a number: " + p.getProperty("baseline_buckets"));
        }
    }

    /** A root as a fully qualified path (a plain local path becomes file:/...). */
    public static Path qualify(String root, Configuration conf) throws IOException {
        Path p = new Path(root);
        FileSystem fs = p.getFileSystem(conf);
        return fs.makeQualified(p);
    }
}
