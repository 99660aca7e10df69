package org.vispark.jobs.convert;

import java.util.Arrays;

/**
 * Where each row of a sorted run is in its {@link SortBuffer}, with its sort key: partition (MJD day,
 * bucket), baseline, TIME, row. {@link #sortedOrder()} gives the order rows are written in: by
 * partition, then baseline, then time.
 */
final class RunIndex {
    private int size;
    private long[] partition = new long[1024];
    private int[] baseline = new int[1024];
    private double[] time = new double[1024];
    private long[] row = new long[1024];
    private long[] offset = new long[1024];
    private int[] length = new int[1024];

    static long partitionKey(int mjdDay, int bucket) {
        return ((long) mjdDay << 32) | (bucket & 0xffffffffL);
    }

    static int mjdDay(long partitionKey) {
        return (int) (partitionKey >> 32);
    }

    static int bucket(long partitionKey) {
        return (int) partitionKey;
    }

    void add(long partitionKey, int baselineKey, double t, long r, long off, int len) {
        if (size == partition.length) {
            int n = size * 2;
            partition = Arrays.copyOf(partition, n);
            baseline = Arrays.copyOf(baseline, n);
            time = Arrays.copyOf(time, n);
            row = Arrays.copyOf(row, n);
            offset = Arrays.copyOf(offset, n);
            length = Arrays.copyOf(length, n);
        }
        partition[size] = partitionKey;
        baseline[size] = baselineKey;
        time[size] = t;
        row[size] = r;
        offset[size] = off;
        length[size] = len;
        size++;
    }

    int size() {
        return size;
    }

    /** Forgets every entry, keeping the arrays. */
    void clear() {
        size = 0;
    }

    long partition(int i) {
        return partition[i];
    }

    long offset(int i) {
        return offset[i];
    }

    int length(int i) {
        return length[i];
    }

    /** Entry indices in write order. */
    int[] sortedOrder() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(partition[a], partition[b]);
            if (c == 0) {
                c = Integer.compare(baseline[a], baseline[b]);
            }
            if (c == 0) {
                c = Double.compare(time[a], time[b]);
            }
            return c != 0 ? c : Long.compare(row[a], row[b]);
        });
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
