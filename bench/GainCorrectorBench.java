import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.vispark.udfs.solve.GainCorrector;
import org.vispark.udfs.solve.GainTable;
import org.vispark.udfs.solve.GainType;
import org.vispark.udfs.solve.Interpolation;
import org.vispark.udfs.solve.ReferenceGainCorrector;
import org.vispark.udfs.solve.ReferenceGainTable;
import org.vispark.udfs.solve.Solution;

/**
 * Throughput of applying K, G and B tables to rows of the DSA-110's shape (one thread): 110 antennas (5995
 * cross-correlations), 768 channels, 2 polarizations, 24 integrations, rows in lake order (baseline, then time);
 * K solved once, G ap per integration, B once. GainCorrector against the per-channel reference it replaced
 * (udfs test sources), NEAREST and LINEAR. Prints rows/s of each and the ratio.
 * Usage: java -cp "udfs/target/classes:udfs/target/test-classes" bench/GainCorrectorBench.java [SECONDS]
 * (after mvn -pl udfs -am test-compile)
 */
public class GainCorrectorBench {
    private static final int NANT = 110;
    private static final int NCHAN = 768;
    private static final int NPOL = 2;
    private static final int NTIME = 24;
    private static final double T0_MJDSEC = 5.1e9;
    private static final double INTEGRATION_S = 12.885;

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        double[] freq_hz = new double[NCHAN];
        for (int c = 0; c < NCHAN; c++) {
            freq_hz[c] = 1.49e9 - c * 244140.625;
        }
        Random rnd = new Random(1);
        double[] times = new double[NTIME];
        for (int t = 0; t < NTIME; t++) {
            times[t] = T0_MJDSEC + (t + 0.5) * INTEGRATION_S;
        }
        double mid = T0_MJDSEC + NTIME * INTEGRATION_S / 2;
        List<Solution> k = new ArrayList<>();
        List<Solution> g = new ArrayList<>();
        List<Solution> b = new ArrayList<>();
        for (int a = 0; a < NANT; a++) {
            for (int p = 0; p < NPOL; p++) {
                k.add(new Solution(a, p, 0, -1, mid, 1, 0, 20 * rnd.nextGaussian(), 50, false));
                for (double t : times) {
                    double ph = rnd.nextDouble() * 2 * Math.PI;
                    double amp = 1 + 0.1 * rnd.nextGaussian();
                    g.add(new Solution(a, p, 0, -1, t, amp * Math.cos(ph), amp * Math.sin(ph), 0, 50, false));
                }
                for (int c = 0; c < NCHAN; c++) {
                    double ph = rnd.nextDouble() * 2 * Math.PI;
                    double amp = 1 + 0.1 * rnd.nextGaussian();
                    b.add(new Solution(a, p, 0, c, mid, amp * Math.cos(ph), amp * Math.sin(ph), 0, 50, false));
                }
            }
        }
        int values = NCHAN * NPOL;
        float[][] pool = new float[64][2 * values];
        for (float[] v : pool) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rnd.nextGaussian();
            }
        }
        for (Interpolation interp : Interpolation.values()) {
            GainCorrector fast = new GainCorrector(List.of(new GainTable(GainType.K, k, NANT, NPOL, freq_hz),
                    new GainTable(GainType.G, g, NANT, NPOL, freq_hz), new GainTable(GainType.B, b, NANT, NPOL,
                    freq_hz)), interp, NCHAN, NPOL);
            ReferenceGainCorrector old = new ReferenceGainCorrector(List.of(
                    new ReferenceGainTable(GainType.K, k, NANT, NPOL, freq_hz),
                    new ReferenceGainTable(GainType.G, g, NANT, NPOL, freq_hz),
                    new ReferenceGainTable(GainType.B, b, NANT, NPOL, freq_hz)), interp, NCHAN, NPOL);
            double oldRate = rate(old::correct, times, pool, seconds);
            double newRate = rate(fast::correct, times, pool, seconds);
            System.out.printf(Locale.ROOT, "%s: reference %.0f rows/s, GainCorrector %.0f rows/s: %.1fx%n", interp,
                    oldRate, newRate, newRate / oldRate);
        }
    }

    private interface Correct {
        void apply(int ant1, int ant2, double time_mjdSec, float[] vis, boolean[] flags);
    }

    /** Rows per second over {@code seconds} (after a warm-up of the same length), in lake order, cycling. */
    private static double rate(Correct c, double[] times, float[][] pool, double seconds) {
        float[] vis = new float[pool[0].length];
        boolean[] flags = new boolean[vis.length / 2];
        double result = 0;
        for (int round = 0; round < 2; round++) {
            long rows = 0;
            long t0 = System.nanoTime();
            long end = t0 + (long) (seconds * 1e9);
            outer:
            while (true) {
                for (int a1 = 0; a1 < NANT; a1++) {
                    for (int a2 = a1 + 1; a2 < NANT; a2++) {
                        for (double t : times) {
                            System.arraycopy(pool[(int) (rows & 63)], 0, vis, 0, vis.length);
                            java.util.Arrays.fill(flags, false);
                            c.apply(a1, a2, t, vis, flags);
                            if ((++rows & 255) == 0 && System.nanoTime() > end) {
                                break outer;
                            }
                        }
                    }
                }
            }
            result = rows / ((System.nanoTime() - t0) / 1e9);
        }
        return result;
    }
}
