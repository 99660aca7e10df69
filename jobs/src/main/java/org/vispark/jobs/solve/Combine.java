package org.vispark.jobs.solve;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vispark.udfs.solve.GainType;

/**
 * The axes a solve combines, as CASA's gaincal {@code combine}: {@code scan} and {@code field} let a solution
 * interval span scans and fields; {@code spw} solves all spectral windows of an interval together (each window's
 * visibilities with its own frequencies and model added into the same normal equations), one solution recorded under
 * the lowest window solved, which apply then uses for every window (CASA's {@code spwmap=[n, n, ...]}).
 *
 * <p>{@code spw} is for G only: B is a solution per channel of a window, and K's delay is fitted per window
 * (vispark does not fit one delay across windows); both are refused.
 */
public record Combine(boolean scan, boolean field, boolean spw) implements Serializable {
    public static final Combine NONE = new Combine(false, false, false);

    /**
     * Parses a comma-separated list of axes ("" for none) for a solve of gain type {@code type}.
     *
     * @throws IllegalArgumentException naming {@code --combine} for an unknown axis, or spw with K or B
     */
    public static Combine parse(String axes, GainType type) {
        boolean scan = false;
        boolean field = false;
        boolean spw = false;
        for (String a : axes.split(",")) {
            switch (a.strip().toLowerCase(Locale.ROOT)) {
                case "" -> { }
                case "scan" -> scan = true;
                case "field" -> field = true;
                case "spw" -> spw = true;
                default -> throw new IllegalArgumentException("--combine " + a.strip()
                        + ": only scan, field and spw can be combined");
            }
        }
        if (spw && type != GainType.G) {
            throw new IllegalArgumentException("--combine spw is for gaintype G only, not " + type + ": "
                    + (type == GainType.B ? "B solves each channel of a window" : "K fits a delay per window")
                    + "; solve " + type + " per spectral window (leave spw out of --combine)");
        }
        return new Combine(scan, field, spw);
    }

    @Override
    public String toString() {
        List<String> axes = new ArrayList<>();
        if (scan) {
            axes.add("scan");
        }
        if (field) {
            axes.add("field");
        }
        if (spw) {
            axes.add("spw");
        }
        return axes.isEmpty() ? "none" : String.join(",", axes);
    }
}
