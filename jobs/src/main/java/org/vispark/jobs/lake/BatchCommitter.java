package org.vispark.jobs.lake;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * Commits finished MS in batches, on the driver, through the lake's Iceberg tables ({@link IcebergTables}). A batch
 * commit moves the MS's visibility files from staging into their partitions and appends them to visibilities, writes
 * and appends one file per subtable table, and then writes and appends the batch's catalogue file
 * {@code ms/b-RUN-SEQ.parquet} to {@code ms}: that append is the commit point. Readers only see rows whose
 * (ms_id, conversion) the catalogue names, so a crash at any step leaves no partial MS visible. Last, the files of
 * the versions the batch replaces leave visibilities' current snapshot (they stay in earlier snapshots); after a crash
 * before that step, {@link LakeMaintenance#removeInvisible} does it.
 *
 * <p>Several jobs may commit to one lake at once. The catalogue append is validated against the catalogue the job
 * started from ({@code basis}): when another job has committed an entry for one of the batch's MS since, that MS is
 * rejected (its version is dropped, its files stay invisible) and the rest commit. Iceberg checks, within the commit
 * itself, that no catalogue file was added after the snapshot the check read, so two jobs cannot both win one MS.
 */
public final class BatchCommitter {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'",
            Locale.ROOT);
    private final Lake lake;
    private final Configuration conf;
    private final String runId;
    private final List<CatalogueEntry> entries = new ArrayList<>();
    private final List<StagedFile> files = new ArrayList<>();
    private final Map<Long, List<String>> replaced = new HashMap<>();
    private final IcebergTables iceberg;
    private Catalogue basis;
    private final Map<LakeTable, List<GenericRecord>> subtables = new EnumMap<>(LakeTable.class);
    private int batch;

    /**
     * A new run id: the UTC time to the millisecond and 16 random bits, e.g. {@code 20261124T193501123Z3fa2}. The
     * views take the greatest run id as the newest run, so ids sort in time order as strings: the same length, the
     * time first, down to the millisecond (two runs of a quick job often start within one second).
     */
    public static String newRunId() {
        return RUN_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + String.format(Locale.ROOT, "%04x",
                RANDOM.nextInt(1 << 16));
    }

    /** A committer for a job that read {@code basis}: what the MS it commits were when it started. */
    public BatchCommitter(Lake lake, Configuration conf, String runId, Catalogue basis) {
        this.lake = lake;
        this.conf = conf;
        this.runId = runId;
        this.iceberg = IcebergTables.of(lake, conf);
        this.basis = basis;
    }

    /**
     * Adds a finished MS to the batch: its catalogue entry, and when it was converted its staged files
     * and its subtable rows (records of each table's schema, carrying the entry's ms_id and conversion).
     */
    public void add(CatalogueEntry entry, List<StagedFile> staged, Map<LakeTable, List<GenericRecord>> subtableRows) {
        add(entry, staged, subtableRows, List.of());
    }

    /**
     * {@link #add(CatalogueEntry, List, Map)} for a new version of an MS that replaces visibility files of its
     * current version ({@code replacedFiles}, relative to the lake root).
     */
    public void add(CatalogueEntry entry, List<StagedFile> staged, Map<LakeTable, List<GenericRecord>> subtableRows,
            List<String> replacedFiles) {
        replaced.put(entry.msId(), replacedFiles);
        entries.add(entry);
        files.addAll(staged);
        subtableRows.forEach((t, rows) -> subtables.computeIfAbsent(t, k -> new ArrayList<>()).addAll(rows));
    }

    /** MS waiting in the batch. */
    public int pending() {
        return entries.size();
    }

    /** Batches committed so far. */
    public int batches() {
        return batch;
    }

    /**
     * Commits the batch (nothing when it is empty). Returns the entries rejected because another job committed a
     * version of their MS after this one's basis (empty when none was).
     */
    public List<CatalogueEntry> commit() throws IOException {
        if (entries.isEmpty()) {
            return List.of();
        }
        FileSystem fs = lake.fs();
        Path root = lake.layout().root();
        for (StagedFile f : files) {
            Path dst = new Path(root, f.relative());
            fs.mkdirs(dst.getParent());
            rename(fs, new Path(f.staging()), dst);
        }
        Path commitStaging = new Path(lake.layout().stagingDir(runId), "commit");
        // the tables before the catalogue are independent: committed side by side (each commit writes a few small
        // files; one after another they took 0.8 s per batch)
        List<Callable<Void>> steps = new ArrayList<>();
        steps.add(() -> {
            iceberg.appendVisibilities(files);
            return null;
        });
        for (Map.Entry<LakeTable, List<GenericRecord>> e : subtables.entrySet()) {
            if (!e.getValue().isEmpty()) {
                steps.add(() -> {
                    iceberg.append(e.getKey(), List.of(writeAndMove(commitStaging,
                            LakeLayout.batchFile(e.getKey(), runId, batch), e.getKey(), e.getValue())));
                    return null;
                });
            }
        }
        inParallel(steps);
        List<CatalogueEntry> rejected = commitCatalogue(commitStaging);
        List<Path> old = new ArrayList<>();
        Set<Long> rejectedIds = new HashSet<>();
        rejected.forEach(e -> rejectedIds.add(e.msId()));
        replaced.forEach((msId, paths) -> {
            if (!rejectedIds.contains(msId)) {
                paths.forEach(r -> old.add(new Path(root, r)));
            }
        });
        iceberg.remove(LakeTable.VISIBILITIES, old);
        batch++;
        entries.clear();
        files.clear();
        subtables.clear();
        replaced.clear();
        return rejected;
    }

    /** Runs {@code steps} on threads of their own; the first failure is thrown once all have ended. */
    private static void inParallel(List<Callable<Void>> steps) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(steps.size());
        try {
            for (Future<Void> f : pool.invokeAll(steps)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while committing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Appends the batch's catalogue file, validated against the basis: entries whose MS another job has committed
     * since are left out and returned.
     */
    private List<CatalogueEntry> commitCatalogue(Path commitStaging) throws IOException {
        List<CatalogueEntry> kept = new ArrayList<>(entries);
        List<CatalogueEntry> rejected = new ArrayList<>();
        while (true) {
            List<GenericRecord> records = new ArrayList<>(kept.size());
            for (CatalogueEntry e : kept) {
                records.add(e.toRecord());
            }
            // the same name on every attempt: a failed attempt's file was never committed and is deleted
            Path file = writeAndMove(commitStaging, LakeLayout.batchFile(LakeTable.MS, runId, batch), LakeTable.MS,
                    records);
            try {
                iceberg.appendValidated(LakeTable.MS, file, basis.snapshotId());
                return rejected;
            } catch (ValidationException e) {
                lake.fs().delete(file, false);
                Catalogue now = Catalogue.read(lake, conf);
                for (CatalogueEntry entry : List.copyOf(kept)) {
                    CatalogueEntry then = basis.get(entry.msId());
                    CatalogueEntry since = now.get(entry.msId());
                    if (since != null && (then == null || since.conversion() != then.conversion())) {
                        kept.remove(entry);
                        rejected.add(entry);
                    }
                }
                basis = now;
                if (kept.isEmpty()) {
                    return rejected;
                }
            }
        }
    }

    private Path writeAndMove(Path staging, String relative, LakeTable table, List<GenericRecord> records)
            throws IOException {
        Path tmp = new Path(staging, relative);
        LakeParquet.writeTable(tmp, table.schema(), records, conf);
        Path dst = new Path(lake.layout().root(), relative);
        lake.fs().mkdirs(dst.getParent());
        rename(lake.fs(), tmp, dst);
        return dst;
    }

    static void rename(FileSystem fs, Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not move " + from + " to " + to);
        }
    }
}
