package org.vispark.udfs.diagnostics;

/** Keys of baselines. */
final class Baselines {
    private static final int MAX_ANTENNA = 1 << 16;

    private Baselines() {}

    /** A key of the baseline (ant1, ant2); antennas in [0, 65536). */
    static long key(int ant1, int ant2) {
        if (ant1 < 0 || ant2 < 0 || ant1 >= MAX_ANTENNA || ant2 >= MAX_ANTENNA) {
            throw new IllegalArgumentException("antenna ids " + ant1 + ", " + ant2 + " outside [0, " + MAX_ANTENNA + ")");
        }
        return ((long) ant1 << 16) | ant2;
    }

    static int ant1(long key) {
        return (int) (key >>> 16) & 0xffff;
    }

    static int ant2(long key) {
        return (int) key & 0xffff;
    }
}
