package org.vispark.udfs.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link FieldDiagnosticsAccumulator} against its definitions evaluated the straightforward way (every value on its
 * own, every group a map entry), on rows whose MODEL stays the same over several rows, changes, or is zero in places
 * (the accumulator keeps each (channel, polarization)'s last model amplitude), with random flags.
 */
class FieldDiagnosticsAccumulatorTest {
    private static final int CHANNELS = 10;
    private static final int POLS = 2;
    private static final int BLOCK = 4;
    private static final int VALUES = CHANNELS * POLS;

    @Test
    void statisticsEqualTheirDefinitionsWhateverTheModelDoesFromRowToRow() {
        Random random = new Random(11);
        int antennas = 6;
        int times = 9;
        List<int[]> baselines = new ArrayList<>();
        List<float[]> datas = new ArrayList<>();
        List<float[]> models = new ArrayList<>();
        List<boolean[]> flagSets = new ArrayList<>();
        float[] model = new float[2 * VALUES];
        for (int t = 0; t < times; t++) {
            for (int a1 = 0; a1 < antennas; a1++) {
                for (int a2 = a1; a2 < antennas; a2++) {
                    double change = random.nextDouble();
                    if (change < 0.4) {
                        model = model.clone();
                        for (int i = 0; i < model.length; i++) {
                            model[i] = (float) random.nextGaussian();
                        }
                    } else if (change < 0.5) {
                        model = model.clone();
                        int k = random.nextInt(VALUES);
                        model[2 * k] = 0;
                        model[2 * k + 1] = 0;
                    }
                    float[] data = new float[2 * VALUES];
                    for (int i = 0; i < data.length; i++) {
                        data[i] = (float) (model[i] + 0.5 * random.nextGaussian());
                    }
                    if (random.nextDouble() < 0.05) {
                        data[0] = 0;
                        data[1] = 0;
                    }
                    boolean[] flags = new boolean[VALUES];
                    for (int k = 0; k < VALUES; k++) {
                        flags[k] = random.nextDouble() < 0.1;
                    }
                    baselines.add(new int[] {a1, a2});
                    datas.add(data);
                    models.add(model);
                    flagSets.add(flags);
                }
            }
        }
        FieldDiagnosticsAccumulator acc = new FieldDiagnosticsAccumulator(CHANNELS, POLS, BLOCK);
        for (int r = 0; r < baselines.size(); r++) {
            acc.add(baselines.get(r)[0], baselines.get(r)[1], datas.get(r), 0, models.get(r), 0, flagSets.get(r), 0);
        }
        FieldDiagnostics d = acc.result();

        Map<String, double[]> groups = new TreeMap<>(); // sum D re, im; sum M re, im; sum z re, im; n_z; sum |D|^2; n
        double absD = 0;
        double absM = 0;
        double phasorRe = 0;
        double phasorIm = 0;
        long phasors = 0;
        long all = 0;
        long flagged = 0;
        for (int r = 0; r < baselines.size(); r++) {
            int a1 = baselines.get(r)[0];
            int a2 = baselines.get(r)[1];
            if (a1 == a2) {
                continue;
            }
            for (int k = 0; k < VALUES; k++) {
                all++;
                if (flagSets.get(r)[k]) {
                    flagged++;
                    continue;
                }
                double[] g = groups.computeIfAbsent(a1 + "-" + a2 + "/" + k % POLS + "/" + k / POLS / BLOCK,
                        x -> new double[9]);
                double dr = datas.get(r)[2 * k];
                double di = datas.get(r)[2 * k + 1];
                double mr = models.get(r)[2 * k];
                double mi = models.get(r)[2 * k + 1];
                g[0] += dr;
                g[1] += di;
                g[2] += mr;
                g[3] += mi;
                double zr = dr * mr + di * mi;
                double zi = di * mr - dr * mi;
                double z = Math.hypot(zr, zi);
                if (z > 0) {
                    g[4] += zr / z;
                    g[5] += zi / z;
                    g[6]++;
                }
                g[7] += dr * dr + di * di;
                g[8]++;
                absD += Math.hypot(dr, di);
                double m = Math.hypot(mr, mi);
                absM += m;
                if (m > 0) {
                    phasorRe += mr / m;
                    phasorIm += mi / m;
                    phasors++;
                }
            }
        }
        double vecD = 0;
        double vecM = 0;
        double zLength = 0;
        double zCount = 0;
        Map<String, List<Double>> snrs = new HashMap<>();
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            double[] g = e.getValue();
            vecD += Math.hypot(g[0], g[1]);
            vecM += Math.hypot(g[2], g[3]);
            zLength += Math.hypot(g[4], g[5]);
            zCount += g[6];
            double n = g[8];
            if (n >= 2) {
                double mean2 = (g[0] * g[0] + g[1] * g[1]) / (n * n);
                double var = (g[7] - n * mean2) / (n - 1);
                snrs.computeIfAbsent(e.getKey().split("/")[0], x -> new ArrayList<>())
                        .add(Math.sqrt(mean2 / (var / n)));
            }
        }
        List<Double> baselineSnrs = new ArrayList<>();
        snrs.values().forEach(s -> baselineSnrs.add(median(s)));

        assertEquals(vecD / vecM, d.ampRatio(), 1e-12);
        assertEquals(absD / absM, d.ampRatioScalar(), 1e-12);
        assertEquals(CircularStatistics.circularStd_deg(Math.hypot(phasorRe, phasorIm) / phasors),
                d.modelPhaseScatter_deg(), 1e-9);
        assertEquals(CircularStatistics.circularStd_deg(zLength / zCount), d.phaseDiffScatter_deg(), 1e-9);
        assertEquals((double) flagged / all, d.flaggedFraction(), 1e-15);
        assertEquals(median(baselineSnrs), d.medianSnr(), 1e-9);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
