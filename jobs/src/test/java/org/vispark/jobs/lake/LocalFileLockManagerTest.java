package org.vispark.jobs.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalFileLockManager}: the lock of a table's commits holds between processes and between threads, and the
 * lake's Hadoop catalog uses it, so that processes committing to one table at once lose no commit.
 */
class LocalFileLockManagerTest {
    @TempDir
    Path tmp;

    @Test
    void aLockHeldByAnotherProcessKeepsThisOneOutUntilReleased() throws Exception {
        Files.createDirectories(tmp.resolve("t/metadata"));
        String entity = "file:" + tmp.resolve("t/metadata/v3.metadata.json");
        Process holder = child(CommitLockHolderMain.class, entity).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("held", out.readLine());

        LocalFileLockManager impatient = manager(300);
        assertFalse(impatient.acquire(entity, "me"), "the other process holds the lock");
        assertTrue(Files.exists(tmp.resolve("t/metadata").resolve(LocalFileLockManager.LOCK_FILE)));

        try (OutputStream in = holder.getOutputStream()) {
            in.write('\n');
        }
        LocalFileLockManager patient = manager(60_000);
        assertTrue(patient.acquire(entity, "me"), "free once the other process released it");
        assertEquals("released", out.readLine());
        assertTrue(holder.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, holder.exitValue());
        assertTrue(patient.release(entity, "me"));
        assertFalse(patient.release(entity, "me"), "released twice");
    }

    @Test
    void threadsOfOneProcessTakeTurns() throws Exception {
        Files.createDirectories(tmp.resolve("t/metadata"));
        String entity = tmp.resolve("t/metadata/v1.metadata.json").toString();
        LocalFileLockManager first = manager(60_000);
        assertTrue(first.acquire(entity, "a"));
        assertFalse(CompletableFuture.supplyAsync(() -> manager(200).acquire(entity, "b")).get(),
                "another thread waits while the lock is held");
        assertTrue(first.release(entity, "a"));
        LocalFileLockManager second = manager(60_000);
        CompletableFuture<Boolean> taken = CompletableFuture.supplyAsync(() -> {
            boolean got = second.acquire(entity, "b");
            second.release(entity, "b");
            return got;
        });
        assertTrue(taken.get());
    }

    @Test
    void guardsOnlyLocalFiles() {
        assertThrows(IllegalArgumentException.class,
                () -> manager(100).acquire("hdfs://namenode/lake/_iceberg/ms/metadata/v2.metadata.json", "me"));
    }

    @Test
    void processesCommittingToOneTableAtOnceLoseNoCommit() throws Exception {
        Configuration conf = new Configuration();
        Lake lake = Lake.openOrCreate(tmp.resolve("lake").toString(), null, conf);
        assertEquals(LocalFileLockManager.class.getName(),
                lake.catalog().properties(lake).get(CatalogProperties.LOCK_IMPL));
        // created before the writers start, retrying soon and often, so that their commits meet
        IcebergTables.of(lake, conf).table(LakeTable.GAINS).updateProperties()
                .set(TableProperties.COMMIT_NUM_RETRIES, "1000").set(TableProperties.COMMIT_MIN_RETRY_WAIT_MS, "1")
                .set(TableProperties.COMMIT_MAX_RETRY_WAIT_MS, "20").commit();
        int writers = 3;
        int commits = 60;
        Path go = tmp.resolve("go");
        List<Process> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            running.add(child(AppendingMain.class, lake.layout().root().toString(), Integer.toString(commits), "w" + w,
                    go.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("w" + w + ".log").toFile())
                    .start());
        }
        Thread.sleep(3000); // the JVMs start; any late one still commits, beside the others' last commits
        Files.createFile(go);
        for (int w = 0; w < writers; w++) {
            assertTrue(running.get(w).waitFor(5, TimeUnit.MINUTES));
            assertEquals(0, running.get(w).exitValue(), Files.readString(tmp.resolve("w" + w + ".log")));
        }
        long files = 0;
        try (CloseableIterable<FileScanTask> tasks = IcebergTables.of(lake, conf).table(LakeTable.GAINS).newScan()
                .planFiles()) {
            for (FileScanTask ignored : tasks) {
                files++;
            }
        }
        assertEquals(writers * commits, files, "every commit of every process is in the table");
    }

    private static LocalFileLockManager manager(long timeoutMs) {
        LocalFileLockManager m = new LocalFileLockManager();
        m.initialize(Map.of(CatalogProperties.LOCK_ACQUIRE_TIMEOUT_MS, Long.toString(timeoutMs)));
        return m;
    }

    /** A JVM running {@code main} with {@code args}, this one's classpath and module openings. */
    private static ProcessBuilder child(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(x -> x.startsWith("--add-opens") || x.startsWith("-XX:+Ignore")).toList());
        cmd.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }
}
