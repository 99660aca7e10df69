package org.vispark.udfs.flag;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of {@link RfiFlagger}, as in {@code conf/flagging.properties}; the defaults are AOFlagger's generic
 * strategy (version 2020-05-26). Thresholds are in units of the robust noise sigma of each plane's residual.
 *
 * @param iterations          detection passes (the last at {@code baseThreshold}, the k-th before it at
 *                            {@code baseThreshold * thresholdStep^(iterations - k)})
 * @param thresholdStep       how much more sensitive each pass is than the one before
 * @param baseThreshold       scales every SumThreshold threshold (lower flags more)
 * @param firstThresholdSigma the SumThreshold threshold of one sample at {@code baseThreshold} 1, in sigma
 * @param windowExpBase       the threshold of window M is the first one times {@code windowExpBase^log2(M) / M}
 * @param maxWindow           the longest SumThreshold window, samples
 * @param smoothingTimeSigma  Gaussian background filter sigma along time, integrations
 * @param smoothingChanSigma  Gaussian background filter sigma along frequency, channels
 * @param fitTimeAverage      integrations averaged before the background fit (and interpolated back after)
 * @param timeStepRmsSigma    time steps with residual RMS this many sigma high are flagged in each pass
 * @param channelRmsSigma     the same for channels (times the pass's threshold factor)
 * @param finalTimeStepRmsSigma the time-step selection after the SIR operator
 * @param sirEta              aggressiveness of the scale-invariant rank operator (0 turns it off)
 * @param keepOriginalFlags   whether flags already present stay set and their values are left out of detection
 *                            (false: they are ignored and replaced, as AOFlagger's default does)
 */
public record FlagSettings(int iterations, double thresholdStep, double baseThreshold, double firstThresholdSigma,
        double windowExpBase, int maxWindow, double smoothingTimeSigma, double smoothingChanSigma, int fitTimeAverage,
        double timeStepRmsSigma, double channelRmsSigma, double finalTimeStepRmsSigma, double sirEta,
        boolean keepOriginalFlags) implements java.io.Serializable {

    private static final Set<String> KEYS = Set.of("iterations", "threshold_step", "base_threshold",
            "first_threshold_sigma", "window_exp_base", "max_window", "smoothing_time_sigma", "smoothing_chan_sigma",
            "fit_time_average",
            "time_step_rms_sigma", "channel_rms_sigma", "final_time_step_rms_sigma", "sir_eta",
            "keep_original_flags");

    public FlagSettings {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, not " + iterations);
        }
        positive("threshold_step", thresholdStep);
        positive("base_threshold", baseThreshold);
        positive("first_threshold_sigma", firstThresholdSigma);
        if (!(windowExpBase >= 1 && windowExpBase <= 2)) {
            throw new IllegalArgumentException("window_exp_base must be in [1, 2], not " + windowExpBase);
        }
        if (maxWindow < 1) {
            throw new IllegalArgumentException("max_window must be at least 1, not " + maxWindow);
        }
        nonNegative("smoothing_time_sigma", smoothingTimeSigma);
        nonNegative("smoothing_chan_sigma", smoothingChanSigma);
        if (fitTimeAverage < 1) {
            throw new IllegalArgumentException("fit_time_average must be at least 1, not " + fitTimeAverage);
        }
        positive("time_step_rms_sigma", timeStepRmsSigma);
        positive("channel_rms_sigma", channelRmsSigma);
        positive("final_time_step_rms_sigma", finalTimeStepRmsSigma);
        if (!(sirEta >= 0 && sirEta < 1)) {
            throw new IllegalArgumentException("sir_eta must be in [0, 1), not " + sirEta);
        }
    }

    /** AOFlagger's generic strategy, keeping the flags already present. */
    public static FlagSettings defaults() {
        return new FlagSettings(3, 2.0, 1.0, 6.0, 1.5, 256, 7.5, 5.0, 3, 3.5, 3.0, 4.0, 0.2, true);
    }

    /** The defaults overridden by {@code p}'s keys; an unknown key or a value that does not parse is an error. */
    public static FlagSettings of(Properties p) {
        Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown flagging settings " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        FlagSettings d = defaults();
        return new FlagSettings(integer(p, "iterations", d.iterations), number(p, "threshold_step", d.thresholdStep),
                number(p, "base_threshold", d.baseThreshold), number(p, "first_threshold_sigma", d.firstThresholdSigma),
                number(p, "window_exp_base", d.windowExpBase), integer(p, "max_window", d.maxWindow),
                number(p, "smoothing_time_sigma", d.smoothingTimeSigma),
                number(p, "smoothing_chan_sigma", d.smoothingChanSigma),
                integer(p, "fit_time_average", d.fitTimeAverage),
                number(p, "time_step_rms_sigma", d.timeStepRmsSigma), number(p, "channel_rms_sigma", d.channelRmsSigma),
                number(p, "final_time_step_rms_sigma", d.finalTimeStepRmsSigma), number(p, "sir_eta", d.sirEta),
                bool(p, "keep_original_flags", d.keepOriginalFlags));
    }

    /** {@link #of(Properties)} of a properties file. */
    public static FlagSettings load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        try {
            return of(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + " must be a positive number, not " + v);
        }
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + " must be a number >= 0, not " + v);
        }
    }

    private static double number(Properties p, String key, double def) {
        String v = p.getProperty(key);
        try {
            return v == null ? def : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: '" + v + "'");
        }
    }

    private static int integer(Properties p, String key, int def) {
        String v = p.getProperty(key);
        try {
            return v == null ? def : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not an integer: '" + v + "'");
        }
    }

    private static boolean bool(Properties p, String key, boolean def) {
        String v = p.getProperty(key);
        if (v == null) {
            return def;
        }
        return switch (v.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + v + "'");
        };
    }
}
