package org.vispark.udfs.diagnostics;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The limits of the {@link Verdict}. A value beyond a FAIL limit fails; one beyond the WARN limit but within the
 * FAIL limit warns. Defaults ({@link #DEFAULTS}) from the 0834+555 incident report: separation below 1 arcmin,
 * phase scatter below 30 deg, amplitude ratio above 0.5; the WARN bands are vispark's choice: separation 0.5-1 arcmin,
 * scatter 20-30 deg, amplitude ratio 0.5-0.7, data-peak offset 2-5 arcmin (5 arcmin is several times the ~1 arcmin
 * accuracy of the uncalibrated peak search, {@link FringeMapAccumulator}), flagged fraction 0.3-0.7, and a median SNR
 * below 5 warns (never fails).
 *
 * <p>Properties file keys (all optional; others are an error): {@code separation.warn_arcmin},
 * {@code separation.fail_arcmin}, {@code phase_scatter.warn_deg}, {@code phase_scatter.fail_deg},
 * {@code amp_ratio.warn}, {@code amp_ratio.fail}, {@code peak_offset.warn_arcmin}, {@code peak_offset.fail_arcmin},
 * {@code flagged.warn}, {@code flagged.fail}, {@code snr.warn}.
 */
public record Thresholds(double separationWarn_arcmin, double separationFail_arcmin, double phaseScatterWarn_deg,
        double phaseScatterFail_deg, double ampRatioWarn, double ampRatioFail, double peakOffsetWarn_arcmin,
        double peakOffsetFail_arcmin, double flaggedWarn, double flaggedFail, double snrWarn) implements Serializable {

    public static final Thresholds DEFAULTS = new Thresholds(0.5, 1, 20, 30, 0.7, 0.5, 2, 5, 0.3, 0.7, 5);

    private static final Map<String, Function<Thresholds, Double>> KEYS = keys();

    public Thresholds {
        check("separation", separationWarn_arcmin <= separationFail_arcmin);
        check("phase_scatter", phaseScatterWarn_deg <= phaseScatterFail_deg);
        check("amp_ratio", ampRatioWarn >= ampRatioFail);
        check("peak_offset", peakOffsetWarn_arcmin <= peakOffsetFail_arcmin);
        check("flagged", flaggedWarn <= flaggedFail);
        check("snr", !Double.isNaN(snrWarn));
    }

    private static void check(String what, boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("thresholds: the " + what + " WARN limit must lie on the good side of"
                    + " its FAIL limit (and both be numbers)");
        }
    }

    private static Map<String, Function<Thresholds, Double>> keys() {
        Map<String, Function<Thresholds, Double>> k = new TreeMap<>();
        k.put("separation.warn_arcmin", Thresholds::separationWarn_arcmin);
        k.put("separation.fail_arcmin", Thresholds::separationFail_arcmin);
        k.put("phase_scatter.warn_deg", Thresholds::phaseScatterWarn_deg);
        k.put("phase_scatter.fail_deg", Thresholds::phaseScatterFail_deg);
        k.put("amp_ratio.warn", Thresholds::ampRatioWarn);
        k.put("amp_ratio.fail", Thresholds::ampRatioFail);
        k.put("peak_offset.warn_arcmin", Thresholds::peakOffsetWarn_arcmin);
        k.put("peak_offset.fail_arcmin", Thresholds::peakOffsetFail_arcmin);
        k.put("flagged.warn", Thresholds::flaggedWarn);
        k.put("flagged.fail", Thresholds::flaggedFail);
        k.put("snr.warn", Thresholds::snrWarn);
        return k;
    }

    /** Thresholds from a properties file; keys left out keep their defaults. Errors name the file and key. */
    public static Thresholds load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return of(p);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Thresholds from properties (see the class comment); keys left out keep their defaults. */
    public static Thresholds of(Properties p) {
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.containsKey(key)) {
                throw new IllegalArgumentException("unknown threshold '" + key + "' (known: " + KEYS.keySet() + ")");
            }
        }
        Map<String, Double> v = new TreeMap<>();
        for (Map.Entry<String, Function<Thresholds, Double>> e : KEYS.entrySet()) {
            String text = p.getProperty(e.getKey());
            if (text == null) {
                v.put(e.getKey(), e.getValue().apply(DEFAULTS));
            } else {
                try {
                    v.put(e.getKey(), Double.parseDouble(text.strip()));
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("threshold " + e.getKey() + " = '" + text + "' is not a number");
                }
            }
        }
        return new Thresholds(v.get("separation.warn_arcmin"), v.get("separation.fail_arcmin"),
                v.get("phase_scatter.warn_deg"), v.get("phase_scatter.fail_deg"), v.get("amp_ratio.warn"),
                v.get("amp_ratio.fail"), v.get("peak_offset.warn_arcmin"), v.get("peak_offset.fail_arcmin"),
                v.get("flagged.warn"), v.get("flagged.fail"), v.get("snr.warn"));
    }
}
