package org.vispark.udfs.solve;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Errors of solutions against the truth divided by their expected thermal-noise sigma (so that E[e^2] = 1),
 * collected per antenna. The agreement criterion: for every antenna the RMS of its normalized errors is within 3
 * (3 sigma), no single value exceeds 5 sigma (a chance of about 1e-6 for a scalar Gaussian), and the RMS over all
 * values lies in [0.7, 1.3] (the sigma is the right one, neither too small nor too generous).
 */
final class NormalizedErrors {
    private final String what;
    private final List<List<Double>> perAntenna = new ArrayList<>();

    NormalizedErrors(String what, int numAnt) {
        this.what = what;
        for (int a = 0; a < numAnt; a++) {
            perAntenna.add(new ArrayList<>());
        }
    }

    void add(int antenna, double error, double sigma) {
        perAntenna.get(antenna).add(error / sigma);
    }

    /** Asserts the criterion; returns the overall RMS. */
    double check() {
        double sum = 0;
        int n = 0;
        double worstAntenna = 0;
        double worstValue = 0;
        int within3 = 0;
        for (int a = 0; a < perAntenna.size(); a++) {
            List<Double> e = perAntenna.get(a);
            if (e.isEmpty()) {
                continue;
            }
            double s = 0;
            for (double x : e) {
                s += x * x;
                worstValue = Math.max(worstValue, Math.abs(x));
                within3 += Math.abs(x) <= 3 ? 1 : 0;
            }
            sum += s;
            n += e.size();
            double rms = Math.sqrt(s / e.size());
            worstAntenna = Math.max(worstAntenna, rms);
            assertTrue(rms <= 3, what + ": antenna " + a + " off by " + rms + " sigma (RMS of " + e.size() + ")");
        }
        assertTrue(n > 0, what + ": nothing compared");
        double rms = Math.sqrt(sum / n);
        System.out.printf(Locale.ROOT, "%s: %d values, normalized RMS %.3f, worst antenna RMS %.2f sigma, worst value"
                + " %.2f sigma, %.2f %% within 3 sigma%n", what, n, rms, worstAntenna, worstValue, 100.0 * within3 / n);
        assertTrue(worstValue <= 5, what + ": a value off by " + worstValue + " sigma");
        assertTrue(rms >= 0.7 && rms <= 1.3, what + ": normalized RMS " + rms + " (expected 1)");
        return rms;
    }
}
