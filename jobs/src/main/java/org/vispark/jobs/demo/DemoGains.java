package org.vispark.jobs.demo;

import java.util.SplittableRandom;

/**
 * The instrumental gains of a simulated array, the same for every observation of a demo archive so that solutions
 * from a calibrator apply to the targets: per antenna a and polarization p,
 * {@code g(t, f) = A * (1 + r cos(2 pi (f - f0) / P)) * exp(i (phi + 2 pi tau (f - f0) + d (t - t0)))}, with
 * the statistics of a {@link Spec}: amplitude A (mean 1), phase phi (uniform), delay tau, a bandpass ripple of
 * depth r and period P (40-120 MHz), and a phase drift d. A visibility of antennas (i, j) is {@code g_i conj(g_j) * sky}, the convention of
 * {@link org.vispark.udfs.solve.Solution}. Antenna 0 has zero phase and delay, as a reference antenna's solution is
 * defined to have.
 */
public final class DemoGains {
    private final double[][] amp;
    private final double[][] phase_rad;
    private final double[][] delay_s;
    private final double[][] ripple;
    private final double[][] ripplePeriod_hz;
    private final double[][] drift_radPerSec;
    private final double f0_hz;
    private final double t0_mjdSec;

    /**
     * What the gains are drawn from.
     *
     * @param ampRms              rms of the amplitude about 1
     * @param phaseSpread_rad     phases are uniform in [-phaseSpread, phaseSpread)
     * @param delayRms_s          rms of the delays, seconds
     * @param ripple              bandpass ripple depths are uniform in [0, ripple)
     * @param driftRms_radPerHour rms of the phase drift rates, radians per hour
     */
    public record Spec(double ampRms, double phaseSpread_rad, double delayRms_s, double ripple,
            double driftRms_radPerHour) {
        /** Gains of a real array before calibration: 10 % amplitudes, any phase, 3 ns delays, 10 % ripple. */
        public static Spec typical() {
            return new Spec(0.1, Math.PI, 3e-9, 0.1, 0.3);
        }

        /** Perfect gains (all 1). */
        public static Spec none() {
            return new Spec(0, 0, 0, 0, 0);
        }
    }

    /**
     * Gains of {@code antennas} antennas and {@code pols} polarizations drawn from {@code seed}; the delays are
     * referred to {@code f0_hz} and the drifts to {@code t0_mjdSec}.
     */
    public DemoGains(int antennas, int pols, Spec spec, long seed, double f0_hz, double t0_mjdSec) {
        SplittableRandom random = new SplittableRandom(seed);
        amp = new double[antennas][pols];
        phase_rad = new double[antennas][pols];
        delay_s = new double[antennas][pols];
        this.ripple = new double[antennas][pols];
        ripplePeriod_hz = new double[antennas][pols];
        drift_radPerSec = new double[antennas][pols];
        for (int a = 0; a < antennas; a++) {
            for (int p = 0; p < pols; p++) {
                amp[a][p] = Math.max(0.2, 1 + spec.ampRms() * gaussian(random));
                phase_rad[a][p] = a == 0 ? 0 : spec.phaseSpread_rad() * (2 * random.nextDouble() - 1);
                delay_s[a][p] = a == 0 ? 0 : spec.delayRms_s() * gaussian(random);
                ripple[a][p] = spec.ripple() * random.nextDouble();
                ripplePeriod_hz[a][p] = random.nextDouble(40e6, 120e6);
                drift_radPerSec[a][p] = a == 0 ? 0 : spec.driftRms_radPerHour() / 3600 * gaussian(random);
            }
        }
        this.f0_hz = f0_hz;
        this.t0_mjdSec = t0_mjdSec;
    }

    /** Writes g(t, f) of antenna {@code a}, polarization {@code p} as {@code out[0] = re, out[1] = im}. */
    public void gain(int a, int p, double time_mjdSec, double freq_hz, double[] out) {
        double df = freq_hz - f0_hz;
        double r = amp[a][p] * (1 + ripple[a][p] * Math.cos(2 * Math.PI * df / ripplePeriod_hz[a][p]));
        double phi = phase_rad[a][p] + 2 * Math.PI * delay_s[a][p] * df + drift_radPerSec[a][p] * (time_mjdSec - t0_mjdSec);
        out[0] = r * Math.cos(phi);
        out[1] = r * Math.sin(phi);
    }

    static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
