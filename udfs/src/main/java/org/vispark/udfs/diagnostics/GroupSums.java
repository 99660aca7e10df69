package org.vispark.udfs.diagnostics;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Running sums of a fixed number of doubles per long group key; mergeable by adding the sums of equal keys. */
final class GroupSums implements Serializable {
    private final int width;
    private final HashMap<Long, double[]> sums = new HashMap<>();
    /** Arrays of groups cleared, zeroed, for the next groups. */
    private final ArrayDeque<double[]> spare = new ArrayDeque<>();

    GroupSums(int width) {
        this.width = width;
    }

    /** The sums of a group, created as zeros. */
    double[] of(long key) {
        return sums.computeIfAbsent(key, k -> spare.isEmpty() ? new double[width] : spare.pop());
    }

    /** Forgets every group, keeping their arrays (zeroed) for the groups to come. */
    void clear() {
        for (double[] s : sums.values()) {
            Arrays.fill(s, 0);
            spare.push(s);
        }
        sums.clear();
    }

    Map<Long, double[]> all() {
        return sums;
    }

    void merge(GroupSums other) {
        if (other.width != width) {
            throw new IllegalArgumentException("cannot merge group sums of width " + other.width + " into " + width);
        }
        for (Map.Entry<Long, double[]> e : other.sums.entrySet()) {
            double[] mine = of(e.getKey());
            double[] theirs = e.getValue();
            for (int i = 0; i < width; i++) {
                mine[i] += theirs[i];
            }
        }
    }
}
