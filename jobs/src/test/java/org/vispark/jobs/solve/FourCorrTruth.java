package org.vispark.jobs.solve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;

/**
 * four_corr_ms.py's truth (test resources): the source, the noise sigma per complex value, and the gains
 * [time][antenna][feed] as re, im, the same in every window; with the thermal limit of a G solve against it.
 */
record FourCorrTruth(double raDeg, double decDeg, double flux, double noise, int nchan, int nspw, double[] times,
        double[][][] re, double[][][] im) {
    static FourCorrTruth read(Path json) throws Exception {
        JsonNode n = new ObjectMapper().readTree(json.toFile());
        double[] times = new double[n.get("times_mjd_s").size()];
        for (int t = 0; t < times.length; t++) {
            times[t] = n.get("times_mjd_s").get(t).asDouble();
        }
        JsonNode centre = n.get("phase_centre_deg");
        return new FourCorrTruth(centre.get(0).asDouble(), centre.get(1).asDouble(), n.get("flux_jy").asDouble(), n.get("noise_sigma").asDouble(), n.get("nchan").asInt(),
                n.has("nspw") ? n.get("nspw").asInt() : 1, times, cube(n.get("gains_re")), cube(n.get("gains_im")));
    }

    private static double[][][] cube(JsonNode n) {
        double[][][] out = new double[n.size()][n.get(0).size()][2];
        for (int t = 0; t < out.length; t++) {
            for (int a = 0; a < out[t].length; a++) {
                for (int p = 0; p < 2; p++) {
                    out[t][a][p] = n.get(t).get(a).get(p).asDouble();
                }
            }
        }
        return out;
    }

    int ntime() {
        return times.length;
    }

    int nant() {
        return re[0].length;
    }

    int timeIndex(double time) {
        for (int t = 0; t < times.length; t++) {
            if (Math.abs(times[t] - time) < 1) {
                return t;
            }
        }
        throw new AssertionError("no injected gain at time " + time);
    }

    double abs2(int t, int a, int p) {
        return re[t][a][p] * re[t][a][p] + im[t][a][p] * im[t][a][p];
    }

    /** The gain times {@code conj(g_0) / |g_0|}: antenna 0 of phase 0, as the solver references. */
    double[] referenced(int t, int a, int p) {
        double r0 = Math.sqrt(abs2(t, 0, p));
        double cr = re[t][0][p] / r0;
        double ci = -im[t][0][p] / r0;
        return new double[] {re[t][a][p] * cr - im[t][a][p] * ci, re[t][a][p] * ci + im[t][a][p] * cr};
    }

    /** Complex error variance of gain (t, a, p) given the Hessian diagonal {@code d}, reference phase included. */
    double variance(double[][][] d, int t, int a, int p) {
        double s2 = noise * noise;
        return a == 0 ? s2 / (2 * d[t][0][p])
                : s2 / d[t][a][p] + abs2(t, a, p) * s2 / (2 * abs2(t, 0, p) * d[t][0][p]);
    }

    /** D_k = sum_{j != k} C S^2 |g_j|^2 per time, antenna k and feed, over {@code channels} channels. */
    double[][][] hessianDiagonal(int channels) {
        double[][][] d = new double[ntime()][nant()][2];
        for (int t = 0; t < ntime(); t++) {
            for (int p = 0; p < 2; p++) {
                for (int k = 0; k < nant(); k++) {
                    for (int j = 0; j < nant(); j++) {
                        if (j != k) {
                            d[t][k][p] += channels * flux * flux * abs2(t, j, p);
                        }
                    }
                }
            }
        }
        return d;
    }
}
