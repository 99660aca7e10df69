package org.vispark.udfs.flag;

/**
 * Order statistics of the finite floats of an array, exact: the k-th smallest (ranks from 0), as a sort would give
 * it, by radix selection. Each float's bit pattern is mapped to an unsigned int of the same order; one pass counts
 * the values by the top 12 bits of that key, a pass collects those of the bucket holding the rank (a few hundred of
 * the tens of thousands of values of a residual plane), and two small passes over those settle the next 12 and the
 * last 8 bits, which pins the value down. Every pass is linear with predictable branches, where a partitioning
 * selection would reorder all values many times on unpredictable ones.
 *
 * <p>An instance holds its buffers between uses (one thread at a time); {@link #load} replaces what it holds.
 */
final class FloatSelection {
    private static final int BINS = 1 << 12;

    private final int[] topCounts = new int[BINS];
    private final int[] subCounts = new int[BINS];
    private float[] kept = new float[0];
    private int[] keys = new int[0];
    private int size;
    private int[] low = new int[64];
    private int[] high = new int[64];

    /** Keeps the finite {@code values[i]} with {@code !mask[i]} ({@code mask} may be null); returns how many. */
    int load(float[] values, boolean[] mask) {
        if (kept.length < values.length) {
            kept = new float[values.length];
            keys = new int[values.length];
        }
        java.util.Arrays.fill(topCounts, 0);
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            if ((mask == null || !mask[i]) && Float.isFinite(v)) {
                int key = key(v);
                kept[n] = v;
                keys[n++] = key;
                topCounts[key >>> 20]++;
            }
        }
        size = n;
        return n;
    }

    /** The values kept by the last {@link #load}, in their order, at {@code [0, size)}. */
    float[] kept() {
        return kept;
    }

    /** The values of ranks {@code lowRank <= highRank} among those kept, in that order. */
    float[] ranks(int lowRank, int highRank) {
        if (lowRank < 0 || lowRank > highRank || highRank >= size) {
            throw new IllegalArgumentException("ranks " + lowRank + " and " + highRank + " not ascending within [0, "
                    + size + ")");
        }
        int lowBucket = 0;
        int belowLow = 0; // values in the buckets before lowBucket
        while (belowLow + topCounts[lowBucket] <= lowRank) {
            belowLow += topCounts[lowBucket++];
        }
        int highBucket = lowBucket;
        int belowHigh = belowLow;
        while (belowHigh + topCounts[highBucket] <= highRank) {
            belowHigh += topCounts[highBucket++];
        }
        if (low.length < topCounts[lowBucket]) {
            low = new int[topCounts[lowBucket]];
        }
        if (high.length < topCounts[highBucket]) {
            high = new int[topCounts[highBucket]];
        }
        int lowSize = 0;
        int highSize = 0;
        for (int i = 0; i < size; i++) {
            int b = keys[i] >>> 20;
            if (b == lowBucket) {
                low[lowSize++] = keys[i];
            }
            if (b == highBucket) {
                high[highSize++] = keys[i];
            }
        }
        float lowValue = value(within(low, lowSize, lowRank - belowLow));
        return new float[] {lowValue, value(within(high, highSize, highRank - belowHigh))};
    }

    /** The key of rank {@code rank} among {@code keys[0..n)}, which share their top 12 bits; reorders them. */
    private int within(int[] keys, int n, int rank) {
        int r = rank;
        for (int level = 0; level < 2; level++) { // bits 19..8, then 7..0
            int shift = level == 0 ? 8 : 0;
            int digits = level == 0 ? BINS - 1 : (1 << 8) - 1;
            java.util.Arrays.fill(subCounts, 0, digits + 1, 0);
            for (int i = 0; i < n; i++) {
                subCounts[(keys[i] >>> shift) & digits]++;
            }
            int bin = 0;
            while (subCounts[bin] <= r) {
                r -= subCounts[bin++];
            }
            int left = 0;
            for (int i = 0; i < n; i++) {
                if (((keys[i] >>> shift) & digits) == bin) {
                    keys[left++] = keys[i];
                }
            }
            n = left;
        }
        return keys[0]; // all that are left have the same 32 bits
    }

    /** The float's bit pattern as an int whose unsigned order is the floats' order (-0 just below +0). */
    private static int key(float x) {
        int bits = Float.floatToRawIntBits(x);
        return bits ^ ((bits >> 31) | Integer.MIN_VALUE); // negative: flip all bits; positive: flip the sign bit
    }

    private static float value(int key) {
        int bits = key < 0 ? key ^ Integer.MIN_VALUE : ~key; // undoes key(): the sign bit tells which
        return Float.intBitsToFloat(bits);
    }
}
