package org.vispark.jobs.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * An existing or new visibility lake: its root, file system and the layout fixed when it was created
 * ({@code _lake.properties}: {@code format=vispark-lake}, {@code format_version}, {@code baseline_buckets}).
 *
 * <p>Format versions: 1, every table vispark's own files; 2, every table an Iceberg table
 * ({@link IcebergTables}). {@link LakeUpgrade} turns a version 1 lake into version 2 without rewriting its files.
 */
public final class Lake {
    public static final String FORMAT = "vispark-lake";
    public static final int FORMAT_VERSION = 2;
    /** The version before the tables became Iceberg tables; {@link LakeUpgrade} upgrades it. */
    static final int FORMAT_VERSION_FILES_ONLY = 1;
    /** Baseline buckets of a new lake unless told otherwise; README's "Lake layout" shows the arithmetic. */
    public static final int DEFAULT_BASELINE_BUCKETS = 8;

    private static final String CATALOG_KEY = "catalog";
    private static final String CATALOG_NAMESPACE_KEY = "catalog_namespace";

    private final LakeLayout layout;
    private final FileSystem fs;
    private final LakeCatalog catalog;

    private Lake(LakeLayout layout, FileSystem fs, LakeCatalog catalog) {
        this.layout = layout;
        this.fs = fs;
        this.catalog = catalog;
    }

    /** A lake whose properties were read elsewhere (an upgrade), in the catalog {@code conf} configures. */
    static Lake of(LakeLayout layout, FileSystem fs, Configuration conf) {
        return new Lake(layout, fs, LakeCatalog.configured(conf));
    }

    public LakeLayout layout() {
        return layout;
    }

    public FileSystem fs() {
        return fs;
    }

    /** The Iceberg catalog of the lake's tables. */
    public LakeCatalog catalog() {
        return catalog;
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
        return new Lake(new LakeLayout(rootPath.toString(), readBuckets(fs, props)), fs, catalogOf(fs, props, conf));
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
            return new Lake(new LakeLayout(rootPath.toString(), buckets), fs, catalogOf(fs, props, conf));
        }
        int buckets = baselineBuckets == null ? DEFAULT_BASELINE_BUCKETS : baselineBuckets;
        LakeLayout layout = new LakeLayout(rootPath.toString(), buckets);
        fs.mkdirs(rootPath);
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("baseline_buckets", Integer.toString(buckets));
        p.setProperty("created", Instant.now().toString());
        LakeCatalog catalog = LakeCatalog.configured(conf);
        recordCatalog(p, catalog);
        writeProperties(fs, props, p, FORMAT_VERSION);
        return new Lake(layout, fs, catalog);
    }

    /** Records in a lake's properties the kind and namespace of the catalog its tables are in. */
    static void recordCatalog(Properties p, LakeCatalog catalog) {
        p.setProperty(CATALOG_KEY, catalog.kind());
        p.setProperty(CATALOG_NAMESPACE_KEY, catalog.namespace());
    }

    /**
     * The catalog {@code conf} configures, when it is the one the lake's tables are in ({@code props} says which); an
     * error naming both and the keys to set otherwise.
     */
    private static LakeCatalog catalogOf(FileSystem fs, Path props, Configuration conf) throws IOException {
        Properties p = readProperties(fs, props.getParent());
        LakeCatalog configured = LakeCatalog.configured(conf);
        String kind = p.getProperty(CATALOG_KEY, LakeCatalog.HADOOP);
        String namespace = p.getProperty(CATALOG_NAMESPACE_KEY, "");
        if (!kind.equals(configured.kind()) || !namespace.equals(configured.namespace())) {
            throw new IOException(props.getParent() + " keeps its tables in a " + kind + " catalog"
                    + (namespace.isEmpty() ? "" : " (namespace " + namespace + ")") + ", but this configuration names "
                    + configured.describe() + ": set spark.hadoop." + LakeCatalog.PREFIX
                    + (kind.contains(".") ? "catalog-impl=" : "type=") + kind
                    + " (with the catalog's uri and credentials) and spark.hadoop." + LakeCatalog.PREFIX + "namespace="
                    + namespace + " (conf/spark-defaults.conf, or -D in VISPARK_EXTRA_JAVA_OPTS; README, \"Iceberg catalogs\")");
        }
        return configured;
    }

    /** Writes {@code _lake.properties} with {@code version} by an atomic rename over any earlier one. */
    static void writeProperties(FileSystem fs, Path props, Properties p, int version) throws IOException {
        p.setProperty("format_version", Integer.toString(version));
        Path tmp = new Path(props.getParent(), "._lake.properties.tmp");
        try (OutputStream out = fs.create(tmp, true)) {
            p.store(out, "vispark visibility lake; see README, \"Lake layout\"");
        }
        FileContext.getFileContext(fs.getUri(), fs.getConf()).rename(tmp, props, Options.Rename.OVERWRITE);
    }

    /** The properties of the lake at {@code root}, whatever its format version; an error when it is no lake. */
    static Properties readProperties(FileSystem fs, Path root) throws IOException {
        Path props = new Path(root, "_lake.properties");
        if (!fs.exists(props)) {
            throw new IOException(root + " is not a vispark lake (no _lake.properties)");
        }
        Properties p = new Properties();
        try (InputStream in = fs.open(props)) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
        }
        return p;
    }

    private static int readBuckets(FileSystem fs, Path props) throws IOException {
        Properties p = readProperties(fs, props.getParent());
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IOException(props + ": format is '" + p.getProperty("format") + "', not " + FORMAT);
        }
        String version = p.getProperty("format_version");
        if (Integer.toString(FORMAT_VERSION_FILES_ONLY).equals(version)) {
            throw new IOException(props + ": format_version " + version + ", written by an older vispark (its"
                    + " tables are not Iceberg tables yet); `vispark lake upgrade " + props.getParent()
                    + "` upgrades it in place, without rewriting its data");
        }
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
