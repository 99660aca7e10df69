package org.vispark.jobs.lake;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Which Iceberg catalog keeps a lake's table state, from the Hadoop configuration. Keys {@code
 * vispark.lake.catalog.PROPERTY} are Iceberg catalog properties ({@code type}: {@code hadoop}, {@code jdbc},
 * {@code rest}, {@code hive}; or {@code catalog-impl}; then {@code uri}, {@code jdbc.user}, {@code jdbc.password},
 * ...); from Spark they are {@code spark.hadoop.vispark.lake.catalog.PROPERTY} (conf/spark-defaults.conf, {@code
 * --conf}). {@code vispark.lake.catalog.namespace} (levels separated by dots) is the namespace of the lake's tables in
 * that catalog: several lakes share one catalog in namespaces of their own (catalogs such as Hive's need one). None
 * given: a Hadoop catalog whose warehouse is {@code LAKE/_iceberg}, no namespace.
 *
 * <p>Whatever the catalog, a table's metadata files and data stay in the lake's directories (every table is
 * created at {@code LAKE/_iceberg/TABLE}); the catalog holds which metadata file is current, and makes commits
 * atomic. A lake records its catalog's kind and namespace when created ({@code _lake.properties}); opening it with
 * another configuration is an error ({@link Lake#open}).
 */
public final class LakeCatalog {
    /** The Hadoop configuration prefix of the catalog's properties. */
    public static final String PREFIX = "vispark.lake.catalog.";
    /** The kind of the default catalog. */
    public static final String HADOOP = CatalogUtil.ICEBERG_CATALOG_TYPE_HADOOP;
    private static final String NAMESPACE = "namespace";
    /** The catalogs other than Hadoop's this JVM opened, by their properties. */
    private static final Map<Map<String, String>, Catalog> OPEN = new ConcurrentHashMap<>();

    private final Map<String, String> properties; // the configured Iceberg properties, without the namespace
    private final Namespace namespace;

    private LakeCatalog(Map<String, String> properties, Namespace namespace) {
        this.properties = properties;
        this.namespace = namespace;
    }

    /** The catalog {@code conf} configures. */
    public static LakeCatalog configured(Configuration conf) {
        Map<String, String> p = new HashMap<>();
        for (Map.Entry<String, String> e : conf.getPropsWithPrefix(PREFIX).entrySet()) {
            p.put(e.getKey(), e.getValue().strip());
        }
        String ns = p.remove(NAMESPACE);
        if (!p.containsKey(CatalogProperties.CATALOG_IMPL)) {
            p.putIfAbsent(CatalogUtil.ICEBERG_CATALOG_TYPE, HADOOP);
        }
        return new LakeCatalog(p, ns == null || ns.isEmpty() ? Namespace.empty() : Namespace.of(ns.split("\\.")));
    }

    /** The catalog's kind: its {@code type}, or its {@code catalog-impl} class. */
    public String kind() {
        return properties.getOrDefault(CatalogProperties.CATALOG_IMPL, properties.get(CatalogUtil.ICEBERG_CATALOG_TYPE));
    }

    /** The namespace of the lake's tables, levels joined by dots; "" for none. */
    public String namespace() {
        return String.join(".", namespace.levels());
    }

    /** Whether this is the default, a Hadoop catalog (its state is files in the lake: no service holds it). */
    public boolean isHadoop() {
        return HADOOP.equals(kind());
    }

    /** The Iceberg identifier of a lake table: its directory name in the lake's namespace. */
    public TableIdentifier identifier(LakeTable table) {
        return TableIdentifier.of(namespace, table.dirName());
    }

    /** The name of a lake table in Spark's catalog {@code lake}: {@code lake.NAMESPACE.TABLE}. */
    public String sparkName(LakeTable table) {
        return namespace.isEmpty() ? IcebergTables.CATALOG + "." + table.dirName()
                : IcebergTables.CATALOG + "." + namespace() + "." + table.dirName();
    }

    /**
     * The Iceberg catalog properties for {@code lake}: the configured ones, the warehouse {@code LAKE/_iceberg}, and for
     * a Hadoop catalog on a local file system the lock that makes commits of several processes safe
     * ({@link LocalFileLockManager}; HDFS's rename is safe by itself, other catalogs commit atomically themselves).
     */
    public Map<String, String> properties(Lake lake) {
        Map<String, String> p = new HashMap<>(properties);
        p.put(CatalogProperties.WAREHOUSE_LOCATION, lake.layout().icebergWarehouse().toString());
        if (isHadoop() && "file".equals(lake.fs().getUri().getScheme())) {
            p.put(CatalogProperties.LOCK_IMPL, LocalFileLockManager.class.getName());
        }
        return p;
    }

    /**
     * The catalog itself, named {@link IcebergTables#CATALOG}. A Hadoop catalog is made anew (it holds nothing but the
     * configuration); any other is made once per JVM and set of properties and kept open, since it holds a
     * service's connections (a JDBC catalog's pool).
     */
    public Catalog build(Lake lake, Configuration conf) {
        Map<String, String> p = properties(lake);
        if (isHadoop()) {
            return CatalogUtil.buildIcebergCatalog(IcebergTables.CATALOG, p, conf);
        }
        return OPEN.computeIfAbsent(p, k -> CatalogUtil.buildIcebergCatalog(IcebergTables.CATALOG, k, conf));
    }

    /** Words naming this catalog in messages: {@code a jdbc catalog (namespace dsa110)}. */
    public String describe() {
        return "a " + kind() + " catalog" + (namespace.isEmpty() ? "" : " (namespace " + namespace() + ")");
    }
}
