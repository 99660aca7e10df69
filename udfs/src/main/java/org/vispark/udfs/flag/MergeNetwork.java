package org.vispark.udfs.flag;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Batcher's odd-even merge sorting network for {@code n} inputs: comparators {@code (i, j)}, {@code i < j}, each
 * putting the smaller value at {@code i}; applied in order they sort any input ascending. Made for the next power of
 * two and cut to {@code n}: the comparators reaching past {@code n} are dropped, which sorts {@code n} inputs as if the
 * missing ones were +infinity (a comparator with one never moves anything). {@code n log^2 n / 4} comparators.
 */
final class MergeNetwork {
    private static final ConcurrentHashMap<Integer, int[]> NETWORKS = new ConcurrentHashMap<>();

    private MergeNetwork() {}

    /** The comparators for {@code n} inputs, flattened: {@code i0, j0, i1, j1, ...}. Shared: do not modify. */
    static int[] of(int n) {
        return NETWORKS.computeIfAbsent(n, MergeNetwork::make);
    }

    private static int[] make(int n) {
        int size = Integer.highestOneBit(Math.max(1, n - 1)) << 1;
        int[] out = new int[16];
        int count = 0;
        for (int p = 1; p < size; p <<= 1) {
            for (int k = p; k >= 1; k >>= 1) {
                for (int j = k % p; j + k < size; j += 2 * k) {
                    for (int i = 0; i < Math.min(k, size - j - k); i++) {
                        int a = i + j;
                        int b = i + j + k;
                        if (a / (2 * p) == b / (2 * p) && b < n) {
                            if (count + 2 > out.length) {
                                out = Arrays.copyOf(out, 2 * out.length);
                            }
                            out[count++] = a;
                            out[count++] = b;
                        }
                    }
                }
            }
        }
        return Arrays.copyOf(out, count);
    }
}
