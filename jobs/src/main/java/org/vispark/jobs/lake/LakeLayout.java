package org.vispark.jobs.lake;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;

/**
 * Where everything of a visibility lake lives, below its root (any Hadoop FileSystem URI).
 *
 * <pre>
 * LAKE/_lake.properties                          format version and baseline_buckets (fixed at creation)
 * LAKE/visibilities/obs_date=2025-10-29/bl_bucket=3/MSID-CONV-rRANGE.parquet
 * LAKE/ms/b-RUN-SEQ.parquet                      catalogue, one file per commit batch of a run
 * LAKE/ms/c-RUN-MAINTAINRUN-N.parquet            ... the batches of a run compacted (IcebergMaintenance)
 * LAKE/antennas/ (spectral_windows, polarizations, fields, data_descriptions, and the result tables): as ms
 * LAKE/_iceberg/TABLE/metadata/                  each table's Iceberg metadata (IcebergTables); on a local file
 *                                                system also _commit.lock (LocalFileLockManager)
 * LAKE/_staging/RUN/                             files of a running job before their commit
 * </pre>
 * Which files a table holds is its Iceberg snapshot's business: a file in a table's directory may be superseded
 * (held by earlier snapshots only) or never committed.
 * MSID and CONV are 16 lower-case hex digits. {@code obs_date} is the UTC date of a row's TIME
 * (MJD seconds), {@code bl_bucket} is {@code (antenna1 + antenna2) mod baseline_buckets}.
 */
public final class LakeLayout implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final LocalDate MJD_ZERO = LocalDate.of(1858, 11, 17);
    private static final Pattern VISIBILITY_FILE = Pattern.compile("([0-9a-f]{16})-([0-9a-f]{16})-r(\\d+)\\.parquet");
    private static final Pattern BATCH_FILE = Pattern.compile("b-([0-9A-Za-z]+)-(\\d+)\\.parquet");
    private static final Pattern RUN_FILE = Pattern.compile("r-([0-9A-Za-z]+)\\.parquet");
    /** Highest antenna index a baseline key holds. */
    public static final int MAX_ANTENNA = 65535;

    private final String root;
    private final int baselineBuckets;

    public LakeLayout(String root, int baselineBuckets) {
        if (baselineBuckets < 1) {
            throw new IllegalArgumentException("baseline_buckets must be at least 1, not " + baselineBuckets);
        }
        this.root = root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
        this.baselineBuckets = baselineBuckets;
    }

    public Path root() {
        return new Path(root);
    }

    public int baselineBuckets() {
        return baselineBuckets;
    }

    public Path propertiesFile() {
        return new Path(root, "_lake.properties");
    }

    public Path tableDir(LakeTable table) {
        return new Path(root, table.dirName());
    }

    /** The warehouse of the lake's Iceberg catalog ({@link IcebergTables}). */
    public Path icebergWarehouse() {
        return new Path(root, "_iceberg");
    }

    public Path stagingRoot() {
        return new Path(root, "_staging");
    }

    public Path stagingDir(String runId) {
        return new Path(stagingRoot(), runId);
    }

    /** Path of a visibility file relative to the lake root. */
    public static String visibilityFile(int mjdDay, int bucket, long msId, long conversion, int range) {
        return LakeTable.VISIBILITIES.dirName() + "/" + partitionDir(mjdDay, bucket) + "/" + hex(msId) + "-"
                + hex(conversion) + "-r" + range + ".parquet";
    }

    /** Hive-style partition directories of a day (MJD) and baseline bucket. */
    public static String partitionDir(int mjdDay, int bucket) {
        return "obs_date=" + MJD_ZERO.plusDays(mjdDay) + "/bl_bucket=" + bucket;
    }

    /** Path of the file of one commit batch of a run, relative to the lake root. */
    public static String batchFile(LakeTable table, String runId, int batch) {
        return table.dirName() + "/b-" + runId + "-" + String.format(Locale.ROOT, "%06d", batch) + ".parquet";
    }

    /**
     * Path of the {@code n}th file a maintenance run ({@code maintainRun}) compacted the batches of run {@code run}
     * into, relative to the lake root.
     */
    public static String compactedFile(LakeTable table, String run, String maintainRun, int n) {
        return table.dirName() + "/c-" + run + "-" + maintainRun + "-" + n + ".parquet";
    }

    /** The baseline key of the {@code baseline} column: antenna1 * 65536 + antenna2. */
    public static int baseline(int antenna1, int antenna2) {
        return antenna1 * 65536 + antenna2;
    }

    /** The {@code bl_bucket} partition of a baseline. */
    public int bucket(int antenna1, int antenna2) {
        return Math.floorMod(antenna1 + antenna2, baselineBuckets);
    }

    /** The MJD day of a TIME (MJD seconds); its UTC date names the obs_date partition. */
    public static int mjdDay(double mjdSeconds) {
        return (int) Math.floor(mjdSeconds / 86400.0);
    }

    public static String hex(long id) {
        return String.format(Locale.ROOT, "%016x", id);
    }

    /** The (ms_id, conversion) a visibility file name holds, if it is one. */
    public static Optional<long[]> parseVisibilityFile(String name) {
        Matcher m = VISIBILITY_FILE.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new long[] {Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16)});
    }

    /** The run id of a batch file name ({@code b-RUN-SEQ.parquet}), if it is one. */
    public static Optional<String> batchFileRun(String name) {
        Matcher m = BATCH_FILE.matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The run id of a compacted run file name of a format 1 lake ({@code r-RUN.parquet}), if it is one. */
    public static Optional<String> runFileRun(String name) {
        Matcher m = RUN_FILE.matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public String toString() {
        return root;
    }
}
