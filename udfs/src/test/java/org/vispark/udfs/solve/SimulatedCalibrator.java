package org.vispark.udfs.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.ms.MeasurementSet;
import org.vispark.udfs.astro.PythonReference;

/**
 * An MS written by make_ms.py (main-table columns as the solvers use them) and its injected gains from the
 * {@code .truth.json} beside it: {@code g[time][ant][pol][chan]}, antenna 0 real and positive (make_ms's reference),
 * applied as {@code V = g1 conj(g2) S} with g1 of ANTENNA1.
 */
record SimulatedCalibrator(Path ms, int numAnt, int numPol, double[] freq_hz, int[] ant1, int[] ant2, double[] time,
        double[] uvw, float[] data, float[] model, boolean[] flags, double noise, double[] truthTimes,
        double[][][][] truthRe, double[][][][] truthIm) {

    static SimulatedCalibrator make(Path dir, String name, String... options) throws Exception {
        Path ms = PythonReference.makeMs(dir.resolve(name + ".ms"), options);
        Path script = dir.resolve("truth_gains.py");
        if (!script.toFile().exists()) {
            PythonReference.resource("/solve/truth_gains.py", dir);
        }
        String[] lines = PythonReference.run(script.toString(), dir.resolve(name + ".ms.truth.json").toString())
                .split("\n");
        String[] head = lines[0].trim().split(" ");
        int nt = Integer.parseInt(head[0]);
        int na = Integer.parseInt(head[1]);
        int np = Integer.parseInt(head[2]);
        int nc = Integer.parseInt(head[3]);
        double noise = Double.parseDouble(head[4]);
        assertEquals(0, Integer.parseInt(head[5]), "make_ms reference antenna");
        double[] times = parse(lines[2]);
        double[][][][] re = new double[nt][na][np][nc];
        double[][][][] im = new double[nt][na][np][nc];
        int line = 3;
        for (int t = 0; t < nt; t++) {
            for (int a = 0; a < na; a++) {
                for (int p = 0; p < np; p++) {
                    double[] v = parse(lines[line++]);
                    for (int c = 0; c < nc; c++) {
                        re[t][a][p][c] = v[2 * c];
                        im[t][a][p][c] = v[2 * c + 1];
                    }
                }
            }
        }
        try (MeasurementSet m = MeasurementSet.open(ms)) {
            Table t = m.main();
            int rows = Math.toIntExact(t.rowCount());
            int[] shape = t.column("DATA").shape(0);
            assertEquals(np, shape[0]);
            assertEquals(nc, shape[1]);
            return new SimulatedCalibrator(ms, na, np, m.spectralWindows().get(0).chanFreq_hz(),
                    (int[]) t.column("ANTENNA1").read(0, rows), (int[]) t.column("ANTENNA2").read(0, rows),
                    (double[]) t.column("TIME").read(0, rows), (double[]) t.column("UVW").read(0, rows),
                    (float[]) t.column("DATA").read(0, rows), (float[]) t.column("MODEL_DATA").read(0, rows),
                    (boolean[]) t.column("FLAG").read(0, rows), noise, times, re, im);
        }
    }

    private static double[] parse(String line) {
        String[] s = line.trim().split(" ");
        double[] v = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            v[i] = Double.parseDouble(s[i]);
        }
        return v;
    }

    int rows() {
        return ant1.length;
    }

    int numChan() {
        return freq_hz.length;
    }

    int floatsPerRow() {
        return 2 * numChan() * numPol;
    }

    float[] rowData(int r) {
        return java.util.Arrays.copyOfRange(data, r * floatsPerRow(), (r + 1) * floatsPerRow());
    }

    float[] rowModel(int r) {
        return java.util.Arrays.copyOfRange(model, r * floatsPerRow(), (r + 1) * floatsPerRow());
    }

    boolean[] rowFlags(int r) {
        int n = numChan() * numPol;
        return java.util.Arrays.copyOfRange(flags, r * n, (r + 1) * n);
    }

    /** Index of the truth time equal to a row's TIME. */
    int timeIndex(double t) {
        for (int i = 0; i < truthTimes.length; i++) {
            if (Math.abs(truthTimes[i] - t) < 1e-3) {
                return i;
            }
        }
        throw new IllegalStateException("time " + t + " not in the truth");
    }

    /** A solve group of the rows selected by {@code rowFilter}, with an optional pre-apply chain. */
    SolveGroup group(java.util.function.IntPredicate rowFilter, GainCorrector preApply) {
        SolveGroupBuilder b = new SolveGroupBuilder(0, numAnt, freq_hz, numPol, preApply);
        for (int r = 0; r < rows(); r++) {
            if (rowFilter.test(r)) {
                b.addRow(ant1[r], ant2[r], time[r], rowData(r), rowModel(r), rowFlags(r), null);
            }
        }
        return b.build();
    }

    /** Groups, one per distinct time (solint int). */
    List<SolveGroup> groupsPerTime(GainCorrector preApply) {
        List<SolveGroup> out = new ArrayList<>();
        for (double t : truthTimes) {
            out.add(group(r -> Math.abs(time[r] - t) < 1e-3, preApply));
        }
        return out;
    }
}
