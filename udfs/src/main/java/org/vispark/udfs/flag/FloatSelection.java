package org.vispark.udfs.flag;

/**
 * Order statistics of finite floats, exact: the k-th smallest value of an array (ranks from 0), as a sort would give
 * it. One pass counts the values into {@value #BUCKETS} buckets of their bit patterns in an order-preserving form
 * (sign, exponent and the top three mantissa bits: each bucket spans about 12 % of a binade), a second collects the
 * few values of the bucket that holds the rank, and Hoare's selection finishes among those. On the residual planes of
 * the flagger (tens of thousands of values, a few hundred to a bucket) this costs two linear passes with predictable
 * branches, where a selection over all values would partition them many times with unpredictable ones.
 */
final class FloatSelection {
    /** Buckets: the top 12 bits of the ordered bit pattern. */
    static final int BUCKETS = 1 << 12;

    private final int[] counts = new int[BUCKETS];
    private float[] low = new float[64];
    private float[] high = new float[64];

    /**
     * The values of ranks {@code lowRank <= highRank} (each in {@code [0, n)}) among {@code v[0..n)}, which must be
     * finite, in that order; {@code v} is left as it is.
     */
    float[] ranks(float[] v, int n, int lowRank, int highRank) {
        if (lowRank < 0 || lowRank > highRank || highRank >= n) {
            throw new IllegalArgumentException("ranks " + lowRank + " and " + highRank + " not ascending within [0, "
                    + n + ")");
        }
        java.util.Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            counts[bucketOf(v[i])]++;
        }
        int lowBucket = 0;
        int belowLow = 0; // values in the buckets before lowBucket
        while (belowLow + counts[lowBucket] <= lowRank) {
            belowLow += counts[lowBucket++];
        }
        int highBucket = lowBucket;
        int belowHigh = belowLow;
        while (belowHigh + counts[highBucket] <= highRank) {
            belowHigh += counts[highBucket++];
        }
        if (low.length < counts[lowBucket]) {
            low = new float[counts[lowBucket]];
        }
        if (high.length < counts[highBucket]) {
            high = new float[counts[highBucket]];
        }
        int lowSize = 0;
        int highSize = 0;
        for (int i = 0; i < n; i++) {
            int b = bucketOf(v[i]);
            if (b == lowBucket) {
                low[lowSize++] = v[i];
            }
            if (b == highBucket) {
                high[highSize++] = v[i];
            }
        }
        float lowValue = select(low, 0, lowSize, lowRank - belowLow);
        return new float[] {lowValue, select(high, 0, highSize, highRank - belowHigh)};
    }

    /** The bucket of a finite float: its bit pattern mapped to an int of the same order, top 12 bits. */
    private static int bucketOf(float x) {
        int bits = Float.floatToRawIntBits(x);
        int ordered = bits ^ ((bits >> 31) & 0x7fffffff); // negative values: flip all but the sign, so order holds
        return (ordered >> 20) + BUCKETS / 2;
    }

    /**
     * The {@code k}-th smallest of {@code v[from..n)} (Hoare's selection with a median-of-three pivot, expected linear
     * time); reorders that range.
     */
    static float select(float[] v, int from, int n, int k) {
        int lo = from;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v[mid] < v[lo]) {
                swap(v, mid, lo);
            }
            if (v[hi] < v[lo]) {
                swap(v, hi, lo);
            }
            if (v[hi] < v[mid]) {
                swap(v, hi, mid);
            }
            float pivot = v[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (v[i] < pivot) {
                    i++;
                }
                while (v[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(v, i++, j--);
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return v[k];
            }
        }
        return v[k];
    }

    private static void swap(float[] v, int a, int b) {
        float x = v[a];
        v[a] = v[b];
        v[b] = x;
    }
}
