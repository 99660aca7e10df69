package org.vispark.udfs.diagnostics;

/** Keys of baselines and of (baseline, polarization, channel block) groups. */
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

    /** A key of a (baseline, polarization, channel block) group; pol below 256, block below 2^20. */
    static long group(long baseline, int pol, int block) {
        return (baseline << 28) | ((long) pol << 20) | block;
    }

    static long baselineOfGroup(long group) {
        return group >>> 28;
    }
}
