package org.vispark.udfs.solve;

import java.io.Serializable;

/**
 * One solved calibration value, as a row of the lake's {@code gains} table.
 *
 * <p>Convention: the measured visibility of a row is {@code V_ij = g_i g_j^* M_ij} with {@code i = ANTENNA1},
 * {@code j = ANTENNA2} and {@code M} the model; a solution is {@code g} (so correcting divides by {@code g_i g_j^*}).
 * Solutions are phase-referenced: the reference antenna's gain is real and positive.
 *
 * @param antenna     antenna index (ANTENNA1/ANTENNA2 numbering)
 * @param pol         the feed: position of its parallel hand among the parallel hands of the data cell (CORR_TYPE
 *                    order, 0-based; X/Y or R/L of a 4-correlation cell are 0/1, as XX/YY of a 2-correlation one)
 * @param spw         spectral window id
 * @param channel     channel index for B; -1 for K and G (one value for all channels)
 * @param time_mjdSec centre of the solution interval, MJD seconds (UTC)
 * @param gain_re     real part of g (K: 1, the gain at the reference frequency)
 * @param gain_im     imaginary part of g (K: 0)
 * @param delay_ns    K only: delay tau in ns, g(nu) = exp(2 pi i tau (nu - nu_ref)), nu_ref = the window's first
 *                    channel frequency; 0 for G and B
 * @param snr         |g| / sigma_g (see {@link StefCal}); 0 when nothing was solved
 * @param flagged     true when the solution must not be used (no data, too few baselines, snr below minsnr)
 */
public record Solution(int antenna, int pol, int spw, int channel, double time_mjdSec, double gain_re, double gain_im,
        double delay_ns, double snr, boolean flagged) implements Serializable {

    /** |g|. */
    public double amplitude() {
        return Math.hypot(gain_re, gain_im);
    }

    /** arg g in radians, (-pi, pi]. */
    public double phase_rad() {
        return Math.atan2(gain_im, gain_re);
    }
}
