package org.vispark.jobs.flag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.vispark.jobs.report.Html;
import org.vispark.jobs.report.PngPlot;
import org.vispark.jobs.report.ReportDirectory;

/**
 * The report of a flag run ({@code --report DIR}): {@code DIR/index.html} with every MS flagged (values, flagged
 * before and after), the {@value #WORST} antennas flagged most (summed over the MS, by antenna name), and two PNG
 * plots summed over the MS: the flagged fraction versus channel (per spectral window) and versus time (hours from
 * the earliest integration). Written whole or not at all ({@link ReportDirectory}).
 */
final class FlagReport {
    static final int WORST = 20;

    private FlagReport() {}

    /** {@code rows}: the run's {@code flag_stats} records; {@code uris}: each MS's URI by ms_id. */
    static void write(Path dir, List<GenericRecord> rows, Map<Long, String> uris) throws IOException {
        ReportDirectory report = new ReportDirectory(dir);
        Map<String, long[]> antennas = new TreeMap<>();
        Map<Integer, Map<Integer, long[]>> channels = new TreeMap<>();
        Map<Double, long[]> times = new TreeMap<>();
        StringBuilder ms = new StringBuilder();
        for (GenericRecord r : rows) {
            long n = (Long) r.get("num_values");
            long before = (Long) r.get("flagged_before");
            long after = (Long) r.get("flagged");
            switch (r.get("axis").toString()) {
                case "ms" -> ms.append("<tr><td class=l>").append(Html.escape(uris.get((Long) r.get("ms_id"))))
                        .append("</td><td>").append(n).append("</td><td>").append(Html.num((double) before / n))
                        .append("</td><td>").append(Html.num((double) after / n)).append("</td></tr>\n");
                case "antenna" -> add(antennas.computeIfAbsent(r.get("antenna_name") != null
                        ? r.get("antenna_name").toString() : "antenna " + r.get("antenna"), k -> new long[2]), n,
                        after);
                case "channel" -> add(channels.computeIfAbsent((Integer) r.get("spw"), k -> new TreeMap<>())
                        .computeIfAbsent((Integer) r.get("channel"), k -> new long[2]), n, after);
                case "time" -> add(times.computeIfAbsent((Double) r.get("time"), k -> new long[2]), n, after);
                default -> throw new IllegalArgumentException("unknown flag_stats axis " + r.get("axis"));
            }
        }
        PngPlot byChannel = new PngPlot("flagged fraction per channel", "channel", "flagged fraction");
        for (Map.Entry<Integer, Map<Integer, long[]>> spw : channels.entrySet()) {
            byChannel.add("spw " + spw.getKey(), PngPlot.colour(spw.getKey()), PngPlot.Style.LINE,
                    spw.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                    spw.getValue().values().stream().mapToDouble(c -> (double) c[1] / c[0]).toArray());
        }
        byChannel.write(report.file("flagged-channel.png"));
        double t0 = times.isEmpty() ? 0 : times.keySet().iterator().next();
        new PngPlot("flagged fraction per integration", "hours from the first integration", "flagged fraction")
                .add(null, PngPlot.colour(0), PngPlot.Style.POINTS,
                        times.keySet().stream().mapToDouble(t -> (t - t0) / 3600).toArray(),
                        times.values().stream().mapToDouble(c -> (double) c[1] / c[0]).toArray())
                .write(report.file("flagged-time.png"));
        List<Map.Entry<String, long[]>> worst = new ArrayList<>(antennas.entrySet());
        worst.sort((a, b) -> Double.compare((double) b.getValue()[1] / b.getValue()[0],
                (double) a.getValue()[1] / a.getValue()[0]));
        StringBuilder html = new StringBuilder(Html.head("vispark flag"));
        html.append("<h2>MS</h2>\n<table><tr><th>MS</th><th>values</th><th>flagged before</th><th>flagged after</th>"
                + "</tr>\n").append(ms).append("</table>\n<h2>Antennas flagged most</h2>\n<table><tr><th>antenna</th>"
                + "<th>values</th><th>flagged</th></tr>\n");
        for (Map.Entry<String, long[]> a : worst.subList(0, Math.min(WORST, worst.size()))) {
            html.append("<tr><td class=l>").append(Html.escape(a.getKey())).append("</td><td>")
                    .append(a.getValue()[0]).append("</td><td>").append(Html.num((double) a.getValue()[1]
                            / a.getValue()[0])).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Flagged fraction</h2>\n<img src=\"flagged-channel.png\">"
                + "<img src=\"flagged-time.png\">\n</body></html>\n");
        Files.writeString(report.file("index.html"), html);
        report.commit();
    }

    private static void add(long[] c, long n, long flagged) {
        c[0] += n;
        c[1] += flagged;
    }
}
