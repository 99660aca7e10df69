package org.vispark.jobs.solve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * Closure phases {@code arg(V_ij V_jk conj(V_ik))} of the parallel hands, per integration, triangle and channel: gains
 * per antenna and feed cancel in them, so CORRECTED_DATA must have those of DATA.
 */
final class ClosurePhases {
    private ClosurePhases() {}

    /**
     * @param rows antenna1, antenna2, time, DATA and CORRECTED_DATA (vis_floats), flags (vis_flags), num_chan, num_pol
     *     of RR RL LR LL (or XX XY YX YY) rows
     */
    static void assertUnchanged(List<Row> rows) {
        Map<Double, Map<String, Row>> byTime = new TreeMap<>();
        for (Row r : rows) {
            byTime.computeIfAbsent(r.getDouble(2), t -> new HashMap<>()).put(r.getInt(0) + "-" + r.getInt(1), r);
        }
        double worst = 0;
        long closures = 0;
        for (Map<String, Row> baselines : byTime.values()) {
            TreeSet<Integer> antennas = new TreeSet<>();
            for (Row r : baselines.values()) {
                antennas.add(r.getInt(0));
                antennas.add(r.getInt(1));
            }
            Integer[] ant = antennas.toArray(Integer[]::new);
            for (int a = 0; a < ant.length; a++) {
                for (int b = a + 1; b < ant.length; b++) {
                    for (int c = b + 1; c < ant.length; c++) {
                        Row ij = baselines.get(ant[a] + "-" + ant[b]);
                        Row jk = baselines.get(ant[b] + "-" + ant[c]);
                        Row ik = baselines.get(ant[a] + "-" + ant[c]);
                        if (ij == null || jk == null || ik == null) {
                            continue;
                        }
                        for (int chan = 0; chan < ij.getInt(6); chan++) {
                            for (int k : new int[] {0, 3}) {
                                int v = chan * 4 + k;
                                if (flagged(ij, v) || flagged(jk, v) || flagged(ik, v)) {
                                    continue;
                                }
                                double[] data = closure(ij, jk, ik, 3, v);
                                double[] corrected = closure(ij, jk, ik, 4, v);
                                if (Math.hypot(data[0], data[1]) == 0) {
                                    continue;
                                }
                                double diff = Math.atan2(corrected[1] * data[0] - corrected[0] * data[1],
                                        corrected[0] * data[0] + corrected[1] * data[1]);
                                worst = Math.max(worst, Math.abs(diff));
                                closures++;
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("closure phases of the parallel hands: %d, CORRECTED_DATA's differ from DATA's by at most"
                + " %.2e rad%n", closures, worst);
        assertTrue(closures > 100_000, closures + " closure phases");
        assertTrue(worst < 1e-5, "a closure phase of CORRECTED_DATA differs from DATA's by " + worst + " rad");
    }

    private static boolean flagged(Row r, int v) {
        return r.<Boolean>getList(5).get(v);
    }

    /** V_ij V_jk conj(V_ik) of column {@code col} at value {@code v}: re, im. */
    private static double[] closure(Row ij, Row jk, Row ik, int col, int v) {
        List<Float> x = ij.getList(col);
        List<Float> y = jk.getList(col);
        List<Float> z = ik.getList(col);
        double xr = x.get(2 * v);
        double xi = x.get(2 * v + 1);
        double yr = y.get(2 * v);
        double yi = y.get(2 * v + 1);
        double zr = z.get(2 * v);
        double zi = -z.get(2 * v + 1);
        double pr = xr * yr - xi * yi;
        double pi = xr * yi + xi * yr;
        return new double[] {pr * zr - pi * zi, pr * zi + pi * zr};
    }
}
