package org.vispark.jobs.diagnose;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vispark.jobs.report.Html;
import org.vispark.jobs.report.PngPlot;
import org.vispark.jobs.report.ReportDirectory;
import org.vispark.udfs.diagnostics.AntennaDiagnostics;
import org.vispark.udfs.diagnostics.FieldDiagnostics;
import org.vispark.udfs.diagnostics.Thresholds;
import org.vispark.udfs.diagnostics.Verdict;
import org.vispark.udfs.sky.CalibratorCatalogue;

/**
 * The HTML report of a diagnose run ({@code index.html} with PNG plots), worst first: verdict counts, a sky plot of
 * the phase centres, data peaks and catalogue calibrators, the archive-wide table of every MS, field and spectral
 * window, then for the {@value #DETAILED} worst of them amplitude and phase versus uv distance of DATA and MODEL_DATA
 * and the SNR of each antenna. Written whole or not at all ({@link ReportDirectory}).
 */
final class DiagnosticsReport {
    /** Fields shown with plots. */
    static final int DETAILED = 20;

    /** FAIL before WARN before PASS; within a level, larger phase scatter, then larger separation first. */
    static final Comparator<FieldOutcome> WORST_FIRST = Comparator
            .comparing((FieldOutcome f) -> f.verdict().level()).reversed()
            .thenComparing(f -> -nanLow(f.stats().phaseDiffScatter_deg()))
            .thenComparing(f -> -nanLow(f.separation_arcmin()))
            .thenComparingLong(FieldOutcome::msId)
            .thenComparingInt(f -> f.target().fieldId())
            .thenComparingInt(FieldOutcome::spw);

    private static final Color DATA_COLOUR = new Color(31, 119, 180);
    private static final Color MODEL_COLOUR = new Color(214, 39, 40);
    private static final Color PEAK_COLOUR = new Color(44, 160, 44);

    private DiagnosticsReport() {}

    static void write(Path dir, DiagnoseJob.Summary s, CalibratorCatalogue catalogue, Thresholds t) throws IOException {
        ReportDirectory out = new ReportDirectory(dir);
        StringBuilder h = new StringBuilder(Html.head("vispark diagnostics"));
        Map<Verdict.Level, Integer> c = s.counts();
        h.append(String.format(Locale.ROOT, "<p>%d MS selected, %d fields and spectral windows diagnosed:"
                + " <b>%d FAIL</b>, %d WARN, %d PASS; %d MS could not be diagnosed.</p>%n", s.selected(),
                s.fields().size(), c.get(Verdict.Level.FAIL), c.get(Verdict.Level.WARN), c.get(Verdict.Level.PASS),
                s.failures().size()));
        h.append(String.format(Locale.ROOT, "<p>Limits (FAIL): separation &ge; %s arcmin, phase_diff_scatter &ge; %s deg,"
                + " amp_ratio &le; %s, data peak offset &ge; %s arcmin, flagged &ge; %s. Scatter: circular standard"
                + " deviation sqrt(-2 ln R) of phase(DATA conj(MODEL)) about its mean per baseline, polarization and"
                + " block of channels over time (so constant unsolved gain phases do not count). Every statistic is"
                + " of the parallel hands (XX, YY or RR, LL; an MS of one correlation: that one).</p>%n",
                Html.num(t.separationFail_arcmin()), Html.num(t.phaseScatterFail_deg()), Html.num(t.ampRatioFail()),
                Html.num(t.peakOffsetFail_arcmin()), Html.num(t.flaggedFail())));
        skyPlot(s.fields(), catalogue, out.file("sky.png"));
        h.append("<img src=\"sky.png\" alt=\"sky plot\">\n");
        if (!s.failures().isEmpty()) {
            h.append("<h2>Not diagnosed</h2><ul>\n");
            s.failures().forEach(f -> h.append("<li>").append(Html.escape(f)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("<h2>All MS, fields and spectral windows, worst first</h2>\n<table><tr><th>#</th><th>MS</th>"
                + "<th>ms_id</th><th>field</th><th>spw</th><th>calibrator</th><th>separation arcmin</th>"
                + "<th>sep / FWHM</th><th>model phase scatter deg</th>"
                + "<th>phase diff scatter deg</th><th>amp ratio</th><th>amp ratio scalar</th><th>data peak offset"
                + " arcmin</th><th>flagged</th><th>median SNR</th><th>verdict</th><th>reasons</th></tr>\n");
        for (int i = 0; i < s.fields().size(); i++) {
            FieldOutcome f = s.fields().get(i);
            FieldDiagnostics d = f.stats();
            String name = i < DETAILED ? "<a href=\"#f" + i + "\">" + Html.escape(f.msName()) + "</a>"
                    : Html.escape(f.msName());
            h.append("<tr class=\"").append(f.verdict().level()).append("\"><td>").append(i + 1)
                    .append("</td><td class=\"l\">").append(name)
                    .append("</td><td>").append(f.msId())
                    .append("</td><td>").append(f.target().fieldId())
                    .append("</td><td>").append(f.spw())
                    .append("</td><td class=\"l\">").append(Html.escape(f.target().calibrator()))
                    .append("</td><td>").append(Html.num(f.separation_arcmin()))
                    .append("</td><td>").append(Html.num(f.separationOverFwhm()))
                    .append("</td><td>").append(Html.num(d.modelPhaseScatter_deg()))
                    .append("</td><td>").append(Html.num(d.phaseDiffScatter_deg()))
                    .append("</td><td>").append(Html.num(d.ampRatio()))
                    .append("</td><td>").append(Html.num(d.ampRatioScalar()))
                    .append("</td><td>").append(Html.num(f.peak() == null ? Double.NaN : f.peak().offset_arcmin()))
                    .append("</td><td>").append(Html.num(d.flaggedFraction()))
                    .append("</td><td>").append(Html.num(d.medianSnr()))
                    .append("</td><td>").append(f.verdict().level())
                    .append("</td><td class=\"l\">").append(Html.escape(f.verdict().reasonText()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (int i = 0; i < Math.min(DETAILED, s.fields().size()); i++) {
            FieldOutcome f = s.fields().get(i);
            h.append("<h2 id=\"f").append(i).append("\">").append(i + 1).append(". ").append(Html.escape(f.msName()))
                    .append(" field ").append(f.target().fieldId()).append(" spw ").append(f.spw()).append(": ")
                    .append(f.verdict().level())
                    .append("</h2>\n<p>").append(Html.escape(f.verdict().reasonText())).append("</p>\n");
            uvPlots(f, out.file("f" + i + "-amp.png"), out.file("f" + i + "-phase.png"));
            antennaPlot(f, out.file("f" + i + "-snr.png"));
            h.append("<img src=\"f").append(i).append("-amp.png\"><img src=\"f").append(i)
                    .append("-phase.png\"><img src=\"f").append(i).append("-snr.png\">\n");
        }
        h.append("</body></html>\n");
        Files.writeString(out.file("index.html"), h, StandardCharsets.UTF_8);
        out.commit();
    }

    private static void skyPlot(List<FieldOutcome> fields, CalibratorCatalogue catalogue, Path file) throws IOException {
        double[] ra = fields.stream().mapToDouble(f -> Math.toDegrees(f.target().phaseCentreRa_rad())).toArray();
        double[] dec = fields.stream().mapToDouble(f -> Math.toDegrees(f.target().phaseCentreDec_rad())).toArray();
        double[] pRa = fields.stream().mapToDouble(f -> f.peak() == null ? Double.NaN : Math.toDegrees(f.peak().ra_rad()))
                .toArray();
        double[] pDec = fields.stream()
                .mapToDouble(f -> f.peak() == null ? Double.NaN : Math.toDegrees(f.peak().dec_rad())).toArray();
        List<CalibratorCatalogue.Calibrator> used = catalogue.calibrators().stream()
                .filter(c -> fields.stream().anyMatch(f -> c.name().equals(f.target().calibrator()))).toList();
        new PngPlot("phase centres (FIELD), data peaks and calibrators", "RA J2000 (deg)", "Dec J2000 (deg)")
                .add("phase centre", DATA_COLOUR, PngPlot.Style.POINTS, ra, dec)
                .add("data peak", PEAK_COLOUR, PngPlot.Style.POINTS, pRa, pDec)
                .add("calibrator", MODEL_COLOUR, PngPlot.Style.POINTS,
                        used.stream().mapToDouble(c -> c.position().raDeg()).toArray(),
                        used.stream().mapToDouble(c -> c.position().decDeg()).toArray())
                .write(file);
    }

    private static void uvPlots(FieldOutcome f, Path amp, Path phase) throws IOException {
        float[] p = f.uvPoints();
        int n = p.length / UvSample.WIDTH;
        double[][] col = new double[UvSample.WIDTH][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < UvSample.WIDTH; k++) {
                col[k][i] = p[UvSample.WIDTH * i + k];
            }
        }
        String title = f.msName() + " field " + f.target().fieldId() + " spw " + f.spw()
                + " (channel-averaged, first parallel hand)";
        new PngPlot(title, "uv distance (m)", "amplitude")
                .add("DATA", DATA_COLOUR, PngPlot.Style.POINTS, col[0], col[1])
                .add("MODEL_DATA", MODEL_COLOUR, PngPlot.Style.POINTS, col[0], col[3]).write(amp);
        new PngPlot(title, "uv distance (m)", "phase (deg)")
                .add("DATA", DATA_COLOUR, PngPlot.Style.POINTS, col[0], col[2])
                .add("MODEL_DATA", MODEL_COLOUR, PngPlot.Style.POINTS, col[0], col[4]).write(phase);
    }

    private static void antennaPlot(FieldOutcome f, Path file) throws IOException {
        List<AntennaDiagnostics> a = f.stats().antennas();
        new PngPlot(f.msName() + " field " + f.target().fieldId() + " spw " + f.spw()
                + ": median baseline SNR per antenna", "antenna", "SNR")
                .add(null, DATA_COLOUR, PngPlot.Style.BARS, a.stream().mapToDouble(AntennaDiagnostics::antenna).toArray(),
                        a.stream().mapToDouble(x -> Math.min(x.snr(), 1e6)).toArray())
                .write(file);
    }

    private static double nanLow(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }
}
