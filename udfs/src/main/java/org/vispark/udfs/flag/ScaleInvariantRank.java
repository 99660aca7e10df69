package org.vispark.udfs.flag;

/**
 * The scale-invariant rank (SIR) operator of Offringa, van de Gronde & Roerdink (2012, A&A 539, A95), which grows
 * flags into their surroundings: along a line, a sample is flagged when some interval containing it is flagged for
 * at least a fraction {@code 1 - eta} of its samples. With {@code psi = eta} for a flagged sample and
 * {@code eta - 1} for an unflagged one and {@code Psi} the prefix sums of {@code psi}, sample {@code y} is flagged
 * iff {@code max_{b > y} Psi(b) - min_{a <= y} Psi(a) >= 0}: linear time. A plane ({@code mask[t * numChan + c]})
 * is grown along time and along frequency independently, from the same input, and the results are joined.
 */
public final class ScaleInvariantRank {
    private ScaleInvariantRank() {}

    /** Grows {@code mask} in place along both axes with aggressiveness {@code eta} (0: no growth; AOFlagger 0.2). */
    public static void apply(boolean[] mask, int numTime, int numChan, double eta) {
        if (eta <= 0) {
            return;
        }
        boolean[] in = mask.clone();
        boolean[] line = new boolean[Math.max(numTime, numChan)];
        boolean[] out = new boolean[line.length];
        double[] prefix = new double[line.length + 1];
        double[] suffixMax = new double[line.length + 1];
        for (int t = 0; t < numTime; t++) {
            System.arraycopy(in, t * numChan, line, 0, numChan);
            line(line, numChan, eta, out, prefix, suffixMax);
            for (int c = 0; c < numChan; c++) {
                mask[t * numChan + c] |= out[c];
            }
        }
        for (int c = 0; c < numChan; c++) {
            for (int t = 0; t < numTime; t++) {
                line[t] = in[t * numChan + c];
            }
            line(line, numTime, eta, out, prefix, suffixMax);
            for (int t = 0; t < numTime; t++) {
                mask[t * numChan + c] |= out[t];
            }
        }
    }

    /** The SIR operator on {@code n} samples of {@code flags} into {@code out}. */
    static void line(boolean[] flags, int n, double eta, boolean[] out, double[] prefix, double[] suffixMax) {
        prefix[0] = 0;
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + (flags[i] ? eta : eta - 1);
        }
        suffixMax[n] = prefix[n];
        for (int i = n - 1; i >= 0; i--) {
            suffixMax[i] = Math.max(prefix[i], suffixMax[i + 1]);
        }
        double minBefore = Double.POSITIVE_INFINITY;
        for (int y = 0; y < n; y++) {
            minBefore = Math.min(minBefore, prefix[y]);
            out[y] = suffixMax[y + 1] - minBefore >= -1e-9; // ties at exactly 1 - eta flagged despite rounding
        }
    }
}
