package org.vispark.jobs.solve;

import java.io.Serializable;
import java.util.Locale;

/**
 * A solution interval, as CASA's {@code solint}: {@code inf} (one interval per group of rows), {@code int} (one per
 * integration, i.e. per distinct TIME) or a duration ({@code 60s}, {@code 5min}, {@code 0.5h}, or plain seconds);
 * duration intervals start at the MS's first TIME.
 *
 * @param seconds the duration; +infinity for inf, 0 for int
 */
public record Solint(double seconds) implements Serializable {
    public static final Solint INF = new Solint(Double.POSITIVE_INFINITY);
    public static final Solint INT = new Solint(0);

    public Solint {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("solint must be inf, int or a positive duration, not " + seconds + " s");
        }
    }

    public static Solint parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("inf")) {
            return INF;
        }
        if (s.equals("int")) {
            return INT;
        }
        double scale = 1;
        for (String[] unit : new String[][] {{"min", "60"}, {"s", "1"}, {"h", "3600"}}) {
            if (s.endsWith(unit[0])) {
                s = s.substring(0, s.length() - unit[0].length()).strip();
                scale = Double.parseDouble(unit[1]);
                break;
            }
        }
        try {
            double v = Double.parseDouble(s) * scale;
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return new Solint(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("solint must be inf, int or a positive duration (60s, 5min, 0.5h), not '"
                    + text + "'");
        }
    }

    /**
     * The interval a row belongs to: 0 for inf; for int the row's TIME in milliseconds; else
     * {@code floor((time - start) / seconds)}.
     */
    public long index(double time_mjdSec, double start_mjdSec) {
        if (Double.isInfinite(seconds)) {
            return 0;
        }
        if (seconds == 0) {
            return Math.round(time_mjdSec * 1000);
        }
        return (long) Math.floor((time_mjdSec - start_mjdSec) / seconds);
    }

    /** The interval length for the gains table: the span of the rows solved for inf and int, else the duration. */
    public double length_s(double spanOfRows_s) {
        return Double.isInfinite(seconds) || seconds == 0 ? spanOfRows_s : seconds;
    }

    @Override
    public String toString() {
        return Double.isInfinite(seconds) ? "inf" : seconds == 0 ? "int" : String.format(Locale.ROOT, "%gs", seconds);
    }
}
