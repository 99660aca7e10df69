package org.vispark.jobs.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.LockManager;
import org.apache.iceberg.util.PropertyUtil;

/**
 * The lock of Iceberg's Hadoop catalog commits on a local file system, across processes (the catalog's
 * {@code lock-impl}, {@link IcebergTables}). A Hadoop-catalog commit checks that the next metadata version does not
 * exist yet and then renames its file into place, under this lock. On HDFS the rename itself refuses an existing file,
 * but a local file system's rename replaces it, and Iceberg's default lock holds only within one JVM: two processes
 * committing to one table at once could both pass the check, and the second rename silently dropped the first's
 * commit (measured: 1 to 3 of 180 commits lost when three JVMs appended 60 times each to one table).
 *
 * <p>The lock of a table is an exclusive POSIX lock ({@link FileChannel#lock}) on {@code _commit.lock} in its metadata
 * directory (the directory of the version file the entity names), created on first use and never deleted, plus a lock
 * within this JVM (a process holds a file lock once). Acquire waits up to {@code lock.acquire-timeout-ms} (default 3
 * minutes) and then gives up (the commit fails, and Iceberg retries it). Release must come from the thread that
 * acquired, as Iceberg's commit does. For file systems that honour POSIX locks between the processes that share them
 * (one machine; NFS with its lock service).
 */
public final class LocalFileLockManager implements LockManager {
    /** The lock file in a table's metadata directory. */
    static final String LOCK_FILE = "_commit.lock";
    private static final long DEFAULT_ACQUIRE_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(3);
    private static final long POLL_MS = 5;
    /** Per lock file, the lock of this JVM's threads: a process cannot hold one file lock twice. */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private long acquireTimeoutMs = DEFAULT_ACQUIRE_TIMEOUT_MS;

    private record Held(ReentrantLock inProcess, FileChannel channel, FileLock lock) {}

    @Override
    public void initialize(Map<String, String> properties) {
        acquireTimeoutMs = PropertyUtil.propertyAsLong(properties, CatalogProperties.LOCK_ACQUIRE_TIMEOUT_MS,
                DEFAULT_ACQUIRE_TIMEOUT_MS);
    }

    /** Locks the table whose metadata file {@code entityId} names (a {@code file:} URI or a local path). */
    @Override
    public boolean acquire(String entityId, String ownerId) {
        Path file = lockFile(entityId);
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(acquireTimeoutMs);
        try {
            if (!inProcess.tryLock(acquireTimeoutMs, TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        FileChannel channel = null;
        boolean locked = false;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            while (lock == null && System.nanoTime() < deadline) {
                Thread.sleep(POLL_MS);
                lock = channel.tryLock();
            }
            if (lock != null) {
                held.put(key(entityId, ownerId), new Held(inProcess, channel, lock));
                locked = true;
            }
            return locked;
        } catch (IOException e) {
            throw new UncheckedIOException("locking " + file + " for a commit", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (!locked) {
                closeQuietly(channel);
                inProcess.unlock();
            }
        }
    }

    @Override
    public boolean release(String entityId, String ownerId) {
        Held h = held.remove(key(entityId, ownerId));
        if (h == null) {
            return false;
        }
        try {
            h.lock().release();
            h.channel().close();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("unlocking " + lockFile(entityId), e);
        } finally {
            h.inProcess().unlock();
        }
    }

    @Override
    public void close() {
        // locks are released by release(); nothing is held between commits
    }

    /** {@value #LOCK_FILE} in the directory of the metadata file {@code entityId} names. */
    static Path lockFile(String entityId) {
        URI uri = new org.apache.hadoop.fs.Path(entityId).toUri();
        if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
            throw new IllegalArgumentException("a local file lock cannot guard " + entityId
                    + ": it is for lakes on a local file system");
        }
        return Path.of(uri.getPath()).getParent().resolve(LOCK_FILE);
    }

    private static String key(String entityId, String ownerId) {
        return entityId + "\n" + ownerId;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the channel is being given up after a failure already reported
            }
        }
    }
}
