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
 * Writes a sorted run of a {@link SortBuffer} to a task's {@link PartitionWriters}: the rows in
 * (partition, baseline, time) order ({@link RunIndex#sortedOrder()}), each partition's rows by one
 * thread into its own file, so a file gets the same rows in the same order as from a single thread;
 * partitions are written side by side on a pool of one thread per core shared by the JVM's tasks
 * (Parquet encoding, compression and the file writes are most of a task's time, and a single large
 * MS or subband group is one task that would otherwise leave the other cores idle).
 */
final class RunWriter {
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "convert-run-writer");
        t.setDaemon(true);
        return t;
    });

    private final RowDecoder.Present present;

    /** A writer of the records of a source whose optional columns are {@code present}. */
    RunWriter(RowDecoder.Present present) {
        this.present = present;
    }

    /** Writes the buffered rows and empties the buffer and the index. */
    void write(SortBuffer buffer, RunIndex index, ConvertTask task, PartitionWriters writers) throws IOException {
        int[] order = index.sortedOrder();
        List<int[]> ranges = new ArrayList<>();
        int from = 0;
        while (from < order.length) {
            long key = index.partition(order[from]);
            int to = from + 1;
            while (to < order.length && index.partition(order[to]) == key) {
                to++;
            }
            writers.open(key);
            ranges.add(new int[] {from, to});
            from = to;
        }
        if (ranges.size() == 1 || THREADS == 1) {
            for (int[] r : ranges) {
                writePartition(buffer, index, order, r[0], r[1], task, writers);
            }
        } else {
            List<Future<?>> parts = new ArrayList<>();
            for (int[] r : ranges) {
                parts.add(POOL.submit(() -> {
                    writePartition(buffer, index, order, r[0], r[1], task, writers);
                    return null;
                }));
            }
            awaitAll(parts);
        }
        buffer.clear();
        index.clear();
    }

    private void writePartition(SortBuffer buffer, RunIndex index, int[] order, int from, int to, ConvertTask task,
            PartitionWriters writers) throws IOException {
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
