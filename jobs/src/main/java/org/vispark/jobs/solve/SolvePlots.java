package org.vispark.jobs.solve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.vispark.jobs.report.PngPlot;
import org.vispark.udfs.solve.GainType;

/**
 * PNG plots of a solve ({@code --plots DIR}): for K and G, delay or gain amplitude and phase versus time per antenna
 * (first polarization, the first {@value #ANTENNAS} antennas, unflagged solutions, all MS of the plotted rows); for
 * B, amplitude and phase versus channel per antenna of the first solution interval of the first MS; and the fraction
 * of kept (unflagged) solutions of each MS. Files are named {@code TABLE-*.png}.
 */
final class SolvePlots {
    /** Solutions plotted at most (the first ones written). */
    static final int MAX_ROWS = 200_000;
    private static final int ANTENNAS = 10;

    private SolvePlots() {}

    static void write(Path dir, String table, GainType type, List<GenericRecord> rows, Map<String, Double> kept)
            throws IOException {
        Files.createDirectories(dir);
        if (type == GainType.B) {
            byChannel(dir, table, rows);
        } else {
            byTime(dir, table, type, rows);
        }
        List<Double> fractions = new ArrayList<>(kept.values());
        double[] x = new double[fractions.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        new PngPlot(table + ": kept (unflagged) solutions per MS", "MS (order solved)", "fraction kept")
                .add(null, PngPlot.colour(0), PngPlot.Style.BARS, x,
                        fractions.stream().mapToDouble(Double::doubleValue).toArray())
                .write(dir.resolve(table + "-kept.png"));
    }

    private static void byTime(Path dir, String table, GainType type, List<GenericRecord> rows) throws IOException {
        Map<Integer, List<double[]>> byAntenna = new TreeMap<>();
        for (GenericRecord r : rows) {
            int ant = (Integer) r.get("antenna");
            if ((Integer) r.get("pol") == 0 && !(Boolean) r.get("flagged") && ant < ANTENNAS) {
                double re = (Double) r.get("gain_re");
                double im = (Double) r.get("gain_im");
                byAntenna.computeIfAbsent(ant, k -> new ArrayList<>()).add(new double[] {
                    ((Double) r.get("time") / 86400.0), Math.hypot(re, im), Math.toDegrees(Math.atan2(im, re)),
                    (Double) r.get("delay_ns")});
            }
        }
        PngPlot amp = new PngPlot(table + (type == GainType.K ? ": delay" : ": gain amplitude") + " vs time",
                "time (MJD)", type == GainType.K ? "delay (ns)" : "amplitude");
        PngPlot phase = new PngPlot(table + ": gain phase vs time", "time (MJD)", "phase (deg)");
        for (Map.Entry<Integer, List<double[]>> e : byAntenna.entrySet()) {
            List<double[]> p = e.getValue();
            p.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] t = p.stream().mapToDouble(v -> v[0]).toArray();
            String label = "ant " + e.getKey();
            amp.add(label, PngPlot.colour(e.getKey()), PngPlot.Style.LINE, t,
                    p.stream().mapToDouble(v -> type == GainType.K ? v[3] : v[1]).toArray());
            phase.add(label, PngPlot.colour(e.getKey()), PngPlot.Style.LINE, t, p.stream().mapToDouble(v -> v[2]).toArray());
        }
        amp.write(dir.resolve(table + (type == GainType.K ? "-delay-time.png" : "-amp-time.png")));
        if (type != GainType.K) {
            phase.write(dir.resolve(table + "-phase-time.png"));
        }
    }

    private static void byChannel(Path dir, String table, List<GenericRecord> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        long ms = (Long) rows.get(0).get("ms_id");
        double time = (Double) rows.get(0).get("time");
        Map<Integer, List<double[]>> byAntenna = new TreeMap<>();
        for (GenericRecord r : rows) {
            int ant = (Integer) r.get("antenna");
            if ((Long) r.get("ms_id") == ms && (Double) r.get("time") == time && (Integer) r.get("pol") == 0
                    && !(Boolean) r.get("flagged") && ant < ANTENNAS) {
                double re = (Double) r.get("gain_re");
                double im = (Double) r.get("gain_im");
                byAntenna.computeIfAbsent(ant, k -> new ArrayList<>()).add(new double[] {(Integer) r.get("channel"),
                    Math.hypot(re, im), Math.toDegrees(Math.atan2(im, re))});
            }
        }
        PngPlot amp = new PngPlot(table + ": bandpass amplitude", "channel", "amplitude");
        PngPlot phase = new PngPlot(table + ": bandpass phase", "channel", "phase (deg)");
        for (Map.Entry<Integer, List<double[]>> e : byAntenna.entrySet()) {
            List<double[]> p = e.getValue();
            p.sort((a, b) -> Double.compare(a[0], b[0]));
            double[] c = p.stream().mapToDouble(v -> v[0]).toArray();
            amp.add("ant " + e.getKey(), PngPlot.colour(e.getKey()), PngPlot.Style.LINE, c,
                    p.stream().mapToDouble(v -> v[1]).toArray());
            phase.add("ant " + e.getKey(), PngPlot.colour(e.getKey()), PngPlot.Style.LINE, c,
                    p.stream().mapToDouble(v -> v[2]).toArray());
        }
        amp.write(dir.resolve(table + "-amp-freq.png"));
        phase.write(dir.resolve(table + "-phase-freq.png"));
    }
}
