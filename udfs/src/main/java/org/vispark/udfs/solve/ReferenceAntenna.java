package org.vispark.udfs.solve;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;

/**
 * CASA's {@code refant}: a given antenna, or {@code auto}.
 *
 * <p>Solutions are rotated so that the reference antenna's gain has zero phase. The choice is made once per solve
 * group as a preference order ({@link #order}); a cell (polarization, channel) in which the first antenna has no
 * usable solution falls back to the next in the order (CASA's {@code refantmode='flex'}).
 *
 * <p>{@code auto}: antennas ranked by unflagged data first (count of unflagged, positive-weight values on all their
 * baselines; antennas within 5 % of the best count are equal), then by the SNR of a trial G solve (all channels,
 * summed over polarizations), highest first.
 */
public final class ReferenceAntenna implements Serializable {
    private static final double COUNT_TOLERANCE = 0.05;
    private final int index;

    private ReferenceAntenna(int index) {
        this.index = index;
    }

    /** The antenna with this index. */
    public static ReferenceAntenna index(int antenna) {
        if (antenna < 0) {
            throw new IllegalArgumentException("refant index must be >= 0, not " + antenna);
        }
        return new ReferenceAntenna(antenna);
    }

    /** Automatic choice by flags and SNR. */
    public static ReferenceAntenna auto() {
        return new ReferenceAntenna(-1);
    }

    /**
     * Parses {@code auto}, an antenna name from {@code names} (ANTENNA NAME column, row = index), or, when no name
     * matches, a plain index.
     */
    public static ReferenceAntenna parse(String refant, String[] names) {
        String s = refant.trim();
        if (s.equalsIgnoreCase("auto")) {
            return auto();
        }
        for (int i = 0; names != null && i < names.length; i++) {
            if (s.equals(names[i])) {
                return index(i);
            }
        }
        try {
            return index(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("refant '" + refant + "' is neither 'auto', an antenna name of "
                    + Arrays.toString(names) + ", nor an index", e);
        }
    }

    public boolean isAuto() {
        return index < 0;
    }

    /** The fixed antenna index; -1 for auto. */
    public int fixedIndex() {
        return index;
    }

    /** All antennas of the group, the preferred reference first. */
    public int[] order(SolveGroup group) {
        int n = group.numAnt();
        long[] count = group.unflaggedCountPerAntenna();
        if (index >= n) {
            throw new IllegalArgumentException("refant " + index + " is not an antenna of the group (" + n
                    + " antennas)");
        }
        double[] snr = isAuto() ? trialSnr(group) : new double[n];
        long best = Arrays.stream(count).max().orElse(0);
        Integer[] ants = new Integer[n];
        for (int a = 0; a < n; a++) {
            ants[a] = a;
        }
        Comparator<Integer> byFlags = Comparator.comparing(a -> count[a] >= (1 - COUNT_TOLERANCE) * best && best > 0);
        Comparator<Integer> rank = byFlags.reversed()
                .thenComparing(Comparator.comparingDouble((Integer a) -> snr[a]).reversed())
                .thenComparing(Comparator.comparingLong((Integer a) -> count[a]).reversed())
                .thenComparingInt(a -> a);
        Arrays.sort(ants, rank);
        int[] out = new int[n];
        int k = 0;
        if (!isAuto()) {
            out[k++] = index;
        }
        for (int a : ants) {
            if (a != index) {
                out[k++] = a;
            }
        }
        return out;
    }

    /** Per-antenna SNR of a G (ap) solve over all channels, summed over polarizations. */
    private static double[] trialSnr(SolveGroup group) {
        int n = group.numAnt();
        double[] sum = new double[n];
        int[] natural = new int[n];
        for (int a = 0; a < n; a++) {
            natural[a] = a;
        }
        for (int p = 0; p < group.numPol(); p++) {
            CellSums cell = CellSums.allChannels(group, p);
            StefCal.Result r = StefCal.solve(cell, natural, CalMode.AP, 1);
            for (int a = 0; a < n; a++) {
                sum[a] += r.ok(a) ? r.snr(a) : 0;
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        return isAuto() ? "auto" : Integer.toString(index);
    }
}
