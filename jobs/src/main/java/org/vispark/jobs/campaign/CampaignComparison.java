package org.vispark.jobs.campaign;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.vispark.jobs.lake.IcebergTables;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.report.Html;
import org.vispark.jobs.report.PngPlot;
import org.vispark.jobs.report.ReportDirectory;

/**
 * {@code vispark campaign compare A B}: per MS, the verdicts after calibration of two campaigns side by side (from
 * each branch's {@code pipeline} table); per gain table the kept fraction in each and the differences of the
 * solutions both have unflagged (same MS, antenna, polarization, spw, channel and time), |g_A - g_B|, of each
 * table's newest run per MS; one summary line: how many MS got better, worse or stayed (verdict order FAIL &lt; WARN
 * &lt; PASS). With a report directory, the same as an HTML page, with |g_A - g_B| per antenna plotted per table.
 */
public final class CampaignComparison {
    private static final List<String> ORDER = List.of("FAIL", "WARN", "PASS");

    private CampaignComparison() {}

    /** One gain table compared: kept fractions, and |g_A - g_B| with the antenna of each solution both kept. */
    public record TableDifference(String table, double keptA, double keptB, double[] antenna, double[] difference) {
        public double max() {
            double m = 0;
            for (double d : difference) {
                m = Math.max(m, d);
            }
            return m;
        }
    }

    /** What the comparison found: MS whose verdict in B is better, worse, the same as in A; the gain tables. */
    public record Result(int better, int worse, int same, Map<Long, String[]> verdicts, List<TableDifference> gains) {}

    /** Compares campaigns {@code a} and {@code b}; prints it, and writes the HTML report into {@code report} if given. */
    public static Result compare(Lake lake, Configuration conf, String a, String b, Path report, PrintStream console)
            throws IOException {
        Campaigns.get(lake, conf, a);
        Campaigns.get(lake, conf, b);
        Map<Long, String> va = verdicts(lake, conf, a);
        Map<Long, String> vb = verdicts(lake, conf, b);
        Map<Long, String[]> side = new TreeMap<>();
        int better = 0;
        int worse = 0;
        int same = 0;
        for (long id : new TreeSet<>(union(va, vb))) {
            String x = va.getOrDefault(id, "-");
            String y = vb.getOrDefault(id, "-");
            side.put(id, new String[] {x, y});
            int rx = ORDER.indexOf(x);
            int ry = ORDER.indexOf(y);
            if (rx >= 0 && ry >= 0) {
                better += ry > rx ? 1 : 0;
                worse += ry < rx ? 1 : 0;
                same += ry == rx ? 1 : 0;
            }
        }
        List<TableDifference> gains = differences(gains(lake, conf, a), gains(lake, conf, b));
        Result r = new Result(better, worse, same, side, gains);
        print(r, a, b, console);
        if (report != null) {
            write(r, a, b, report);
            console.println("compare: report " + report.resolve("index.html"));
        }
        return r;
    }

    private static void print(Result r, String a, String b, PrintStream console) {
        console.printf(Locale.ROOT, "%-20s %-10s %-10s%n", "ms_id", a, b);
        r.verdicts().forEach((id, v) -> console.printf(Locale.ROOT, "%-20d %-10s %-10s%n", id, v[0], v[1]));
        for (TableDifference t : r.gains()) {
            console.printf(Locale.ROOT, "gains %s: kept %.3f and %.3f, largest |g_%s - g_%s| %.3g over %d solutions%n",
                    t.table(), t.keptA(), t.keptB(), a, b, t.max(), t.difference().length);
        }
        console.printf(Locale.ROOT, "compare %s %s: %d MS better in %s, %d worse, %d the same%n", a, b, r.better(), b,
                r.worse(), r.same());
    }

    private static void write(Result r, String a, String b, Path dir) throws IOException {
        ReportDirectory report = new ReportDirectory(dir);
        StringBuilder html = new StringBuilder(Html.head("vispark campaigns " + a + " and " + b));
        html.append("<p>").append(r.better()).append(" MS better in ").append(Html.escape(b)).append(", ")
                .append(r.worse()).append(" worse, ").append(r.same()).append(" the same.</p>\n")
                .append("<h2>Verdicts after calibration</h2>\n<table><tr><th>ms_id</th><th>").append(Html.escape(a))
                .append("</th><th>").append(Html.escape(b)).append("</th></tr>\n");
        r.verdicts().forEach((id, v) -> html.append("<tr><td>").append(id).append("</td><td class=").append(v[0])
                .append('>').append(v[0]).append("</td><td class=").append(v[1]).append('>').append(v[1])
                .append("</td></tr>\n"));
        html.append("</table>\n<h2>Gains</h2>\n<table><tr><th>table</th><th>kept ").append(Html.escape(a))
                .append("</th><th>kept ").append(Html.escape(b)).append("</th><th>solutions in both</th>")
                .append("<th>largest |g<sub>A</sub> − g<sub>B</sub>|</th></tr>\n");
        for (TableDifference t : r.gains()) {
            html.append("<tr><td class=l>").append(Html.escape(t.table())).append("</td><td>")
                    .append(Html.num(t.keptA())).append("</td><td>").append(Html.num(t.keptB())).append("</td><td>")
                    .append(t.difference().length).append("</td><td>").append(Html.num(t.max())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (TableDifference t : r.gains()) {
            String png = t.table() + "-difference.png";
            new PngPlot(t.table() + ": |g_" + a + " - g_" + b + "|", "antenna", "|gain difference|")
                    .add(null, PngPlot.colour(0), PngPlot.Style.POINTS, t.antenna(), t.difference())
                    .write(report.file(png));
            html.append("<img src=\"").append(Html.escape(png)).append("\">\n");
        }
        html.append("</body></html>\n");
        Files.writeString(report.file("index.html"), html, StandardCharsets.UTF_8);
        report.commit();
    }

    private static TreeSet<Long> union(Map<Long, String> x, Map<Long, String> y) {
        TreeSet<Long> out = new TreeSet<>(x.keySet());
        out.addAll(y.keySet());
        return out;
    }

    /** The verdict after calibration of each calibrator observation the campaign's pipeline finished. */
    private static Map<Long, String> verdicts(Lake lake, Configuration conf, String campaign) throws IOException {
        Map<Long, String> out = new TreeMap<>();
        for (GenericRecord r : rows(lake, conf, campaign, LakeTable.PIPELINE)) {
            if (r.get("verdict") != null) {
                out.put((Long) r.get("ms_id"), r.get("verdict").toString());
            }
        }
        return out;
    }

    /** A solution of a campaign's newest run of a gain table on an MS. */
    private record Solution(String table, int antenna, boolean flagged, double re, double im) {}

    /** Each solution: "table|ms|antenna|pol|spw|channel|time" to it. */
    private static Map<String, Solution> gains(Lake lake, Configuration conf, String campaign) throws IOException {
        Map<String, Solution> out = new HashMap<>();
        Map<String, String> newestRun = new HashMap<>(); // table|ms to its newest run
        List<GenericRecord> rows = rows(lake, conf, campaign, LakeTable.GAINS);
        for (GenericRecord r : rows) {
            newestRun.merge(r.get("table_name") + "|" + r.get("ms_id"), r.get("run_id").toString(),
                    (x, y) -> x.compareTo(y) >= 0 ? x : y);
        }
        for (GenericRecord r : rows) {
            String key = r.get("table_name") + "|" + r.get("ms_id");
            if (newestRun.get(key).equals(r.get("run_id").toString())) {
                out.put(key + "|" + r.get("antenna") + "|" + r.get("pol") + "|" + r.get("spw") + "|" + r.get("channel")
                        + "|" + r.get("time"), new Solution(r.get("table_name").toString(), (Integer) r.get("antenna"),
                        (Boolean) r.get("flagged"), (Double) r.get("gain_re"), (Double) r.get("gain_im")));
            }
        }
        return out;
    }

    private static List<TableDifference> differences(Map<String, Solution> a, Map<String, Solution> b) {
        Map<String, int[]> kept = new TreeMap<>(); // table: kept in a, of a, kept in b, of b
        Map<String, List<double[]>> pairs = new TreeMap<>(); // table: (antenna, |difference|)
        for (Solution s : a.values()) {
            int[] k = kept.computeIfAbsent(s.table(), t -> new int[4]);
            k[0] += s.flagged() ? 0 : 1;
            k[1]++;
        }
        for (Map.Entry<String, Solution> e : b.entrySet()) {
            Solution s = e.getValue();
            int[] k = kept.computeIfAbsent(s.table(), t -> new int[4]);
            k[2] += s.flagged() ? 0 : 1;
            k[3]++;
            Solution other = a.get(e.getKey());
            if (other != null && !other.flagged() && !s.flagged()) {
                pairs.computeIfAbsent(s.table(), t -> new ArrayList<>())
                        .add(new double[] {s.antenna(), Math.hypot(s.re() - other.re(), s.im() - other.im())});
            }
        }
        List<TableDifference> out = new ArrayList<>();
        kept.forEach((table, k) -> {
            List<double[]> p = pairs.getOrDefault(table, List.of());
            out.add(new TableDifference(table, k[1] == 0 ? Double.NaN : (double) k[0] / k[1],
                    k[3] == 0 ? Double.NaN : (double) k[2] / k[3], p.stream().mapToDouble(x -> x[0]).toArray(),
                    p.stream().mapToDouble(x -> x[1]).toArray()));
        });
        return out;
    }

    /** Every row of {@code table} on the campaign's branch. */
    private static List<GenericRecord> rows(Lake lake, Configuration conf, String campaign, LakeTable table)
            throws IOException {
        return IcebergTables.of(lake, IcebergTables.onBranch(conf, campaign)).currentRows(table);
    }
}
