package org.vispark.jobs.convert;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.generic.GenericRecord;

/**
 * Sorts and writes a task's rows run by run, double-buffered: rows go into the filling {@link #buffer()} and
 * {@link #index()}; {@link #flush()} hands that run to the writing threads and the task goes on filling the
 * other buffer while it is written, so reading the source and writing the lake overlap (each buffer holds
 * half of the task's run budget). A run's rows are written in (partition, baseline, time) order ({@link
 * RunIndex#sortedOrder()}), each partition's rows by one thread into its own file, so a file gets the same
 * rows in the same order as from a single thread; partitions are written side by side on a pool of one
 * thread per core shared by the JVM's tasks (Parquet encoding, compression and the file writes are most of a
 * task's time, and a single large MS or subband group is one task that would otherwise leave the other
 * cores idle). One run is written at a time: a partition's file is never written by two threads at once,
 * and a later run's rows follow the earlier's.
 */
final class RunWriter implements AutoCloseable {
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "convert-run-writer");
        t.setDaemon(true);
        return t;
    });

    private final RowDecoder.Present present;
    private final ConvertTask task;
    private final PartitionWriters writers;
    private SortBuffer filling;
    private RunIndex fillingIndex = new RunIndex();
    /** The run being written, its index and its parts; null parts when none is. */
    private SortBuffer written;
    private RunIndex writtenIndex = new RunIndex();
    private List<Future<?>> parts;

    /**
     * A writer of the records of a source whose optional columns are {@code present}, into {@code writers},
     * with two sort buffers of half {@code runBytes} each (from {@link SortBuffer}'s pool).
     */
    RunWriter(RowDecoder.Present present, ConvertTask task, PartitionWriters writers, long runBytes) {
        this.present = present;
        this.task = task;
        this.writers = writers;
        long half = runBytes / 2;
        this.filling = SortBuffer.acquire(half);
        this.written = SortBuffer.acquire(half);
    }

    /** The buffer rows are added to. */
    SortBuffer buffer() {
        return filling;
    }

    /** The index of {@link #buffer()}'s rows. */
    RunIndex index() {
        return fillingIndex;
    }

    /**
     * Starts writing the buffered rows (once the run before them is written) and switches to the other
     * buffer, now empty.
     */
    void flush() throws IOException {
        if (fillingIndex.size() == 0) {
            return;
        }
        int[] order = fillingIndex.sortedOrder();
        awaitWritten();
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        while (from < order.length) {
            long key = fillingIndex.partition(order[from]);
            int to = from + 1;
            while (to < order.length && fillingIndex.partition(order[to]) == key) {
                to++;
            }
            writers.open(key);
            ranges.add(new int[] {from, to});
            from = to;
        }
        SortBuffer buffer = filling;
        RunIndex index = fillingIndex;
        parts = new ArrayList<>();
        for (int[] r : ranges) {
            parts.add(POOL.submit(() -> {
                writePartition(buffer, index, order, r[0], r[1]);
                return null;
            }));
        }
        filling = written;
        fillingIndex = writtenIndex;
        written = buffer;
        writtenIndex = index;
    }

    /** Writes the buffered rows and waits until every run is written. */
    void finish() throws IOException {
        flush();
        awaitWritten();
    }

    /** Waits for a run still being written (after a failure), then returns the buffers to the pool. */
    @Override
    public void close() throws IOException {
        try {
            awaitWritten();
        } finally {
            SortBuffer.release(filling);
            SortBuffer.release(written);
        }
    }

    /** Waits until the run being written, if any, is written, then empties its buffer and index. */
    private void awaitWritten() throws IOException {
        if (parts == null) {
            return;
        }
        List<Future<?>> p = parts;
        parts = null;
        try {
            awaitAll(p);
        } finally {
            written.clear();
            writtenIndex.clear();
        }
    }

    private void writePartition(SortBuffer buffer, RunIndex index, int[] order, int from, int to)
            throws IOException {
        RowDecoder decoder = new RowDecoder(present);
        GenericRecord rec = RowDecoder.newRecord();
        for (int i = from; i < to; i++) {
            int k = order[i];
            decoder.read(buffer.record(index.offset(k), index.length(k)), task.msId(), task.conversion(), rec);
            writers.write(index.partition(k), rec);
        }
    }

    /**
     * Waits for every part, also when interrupted (the writers must not be closed under a running
     * part), then throws the first failure.
     */
    private static void awaitAll(List<Future<?>> parts) throws IOException {
        Throwable first = null;
        boolean interrupted = false;
        for (Future<?> f : parts) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            if (first == null) {
                throw new InterruptedIOException("interrupted while writing a sorted run");
            }
        }
        if (first instanceof IOException e) {
            throw e;
        }
        if (first instanceof RuntimeException e) {
            throw e;
        }
        if (first instanceof Error e) {
            throw e;
        }
        if (first != null) {
            throw new IOException(first);
        }
    }
}
