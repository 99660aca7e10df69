package org.vispark.udfs.diagnostics;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PASS / WARN / FAIL of one MS and field, with the reasons: every statistic beyond its {@link Thresholds} limit adds
 * a reason such as {@code "phase_diff_scatter_deg 97.3 >= 30 (FAIL)"}; the level is the worst. A statistic that is
 * NaN (not measured, e.g. no MODEL) adds no reason.
 *
 * @param level   the worst level
 * @param reasons one sentence per limit crossed, FAILs first
 */
public record Verdict(Level level, List<String> reasons) implements Serializable {
    /** Verdict levels, best first. */
    public enum Level { PASS, WARN, FAIL }

    /**
     * Judges the statistics.
     *
     * @param separation_arcmin   phase centre (FIELD) to calibrator
     * @param peakOffset_arcmin   data peak to calibrator (NaN if not searched)
     * @param d                   the DATA-versus-MODEL statistics
     */
    public static Verdict of(double separation_arcmin, double peakOffset_arcmin, FieldDiagnostics d, Thresholds t) {
        List<String> fail = new ArrayList<>();
        List<String> warn = new ArrayList<>();
        above("separation_arcmin", separation_arcmin, t.separationWarn_arcmin(), t.separationFail_arcmin(), warn, fail);
        above("phase_diff_scatter_deg", d.phaseDiffScatter_deg(), t.phaseScatterWarn_deg(), t.phaseScatterFail_deg(),
                warn, fail);
        below("amp_ratio", d.ampRatio(), t.ampRatioWarn(), t.ampRatioFail(), warn, fail);
        above("data_peak_offset_arcmin", peakOffset_arcmin, t.peakOffsetWarn_arcmin(), t.peakOffsetFail_arcmin(), warn,
                fail);
        above("flagged_fraction", d.flaggedFraction(), t.flaggedWarn(), t.flaggedFail(), warn, fail);
        if (d.medianSnr() < t.snrWarn()) {
            warn.add(String.format(Locale.ROOT, "median_snr %.3g < %s (WARN)", d.medianSnr(), num(t.snrWarn())));
        }
        List<String> reasons = new ArrayList<>(fail);
        reasons.addAll(warn);
        Level level = !fail.isEmpty() ? Level.FAIL : !warn.isEmpty() ? Level.WARN : Level.PASS;
        return new Verdict(level, List.copyOf(reasons));
    }

    private static void above(String name, double value, double warnAt, double failAt, List<String> warn,
            List<String> fail) {
        if (value >= failAt) {
            fail.add(String.format(Locale.ROOT, "%s %.3g >= %s (FAIL)", name, value, num(failAt)));
        } else if (value >= warnAt) {
            warn.add(String.format(Locale.ROOT, "%s %.3g >= %s (WARN)", name, value, num(warnAt)));
        }
    }

    private static void below(String name, double value, double warnAt, double failAt, List<String> warn,
            List<String> fail) {
        if (value <= failAt) {
            fail.add(String.format(Locale.ROOT, "%s %.3g <= %s (FAIL)", name, value, num(failAt)));
        } else if (value <= warnAt) {
            warn.add(String.format(Locale.ROOT, "%s %.3g <= %s (WARN)", name, value, num(warnAt)));
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The reasons joined with "; ". */
    public String reasonText() {
        return String.join("; ", reasons);
    }
}
