package org.vispark.udfs.sky;

import java.io.Serializable;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.rephase.ChannelPhasors;

/**
 * A circular Gaussian primary beam: power response {@code A(theta, f) = exp(-4 ln 2 theta^2 / FWHM(f)^2)} at angle
 * theta from the pointing centre, with {@code FWHM(f) = k c / (f D)}.
 *
 * <p>{@code k = 1.2} is the usual half-power width factor of a dish with a tapered (edge-tapered) illumination; a
 * uniformly illuminated circular aperture gives 1.02 (Condon &amp; Ransom, Essential Radio Astronomy, 2016, ch. 3,
 * "Antenna fundamentals": theta_HPBW ~ 1.2 lambda / D for typical tapers). For DSA-110 ({@link #dsa110()}, D = 4.65
 * m) this is 3.16 deg at 1.4 GHz. The pointing centre is the caller's: DSA-110 dishes point at the meridian at the
 * observation's declination, so the caller passes the meridian direction at the MS's time and declination
 * ({@link org.vispark.udfs.astro.MeridianPhaseCentre}), in J2000.
 *
 * @param dishDiameter_m dish diameter D, metres
 * @param widthFactor    k of FWHM = k lambda / D
 */
public record PrimaryBeam(double dishDiameter_m, double widthFactor) implements Serializable {
    /** DSA-110's dish diameter, metres. */
    public static final double DSA110_DISH_M = 4.65;
    /** Half-power width factor for a tapered illumination (see the class comment). */
    public static final double TAPERED_WIDTH_FACTOR = 1.2;
    private static final double FOUR_LN2 = 4 * Math.log(2);

    public PrimaryBeam {
        if (!(dishDiameter_m > 0) || !(widthFactor > 0) || !Double.isFinite(dishDiameter_m)
                || !Double.isFinite(widthFactor)) {
            throw new IllegalArgumentException("primary beam needs a positive dish diameter and width factor, not "
                    + dishDiameter_m + " m and " + widthFactor);
        }
    }

    /** The DSA-110 beam: D = 4.65 m, k = 1.2. */
    public static PrimaryBeam dsa110() {
        return new PrimaryBeam(DSA110_DISH_M, TAPERED_WIDTH_FACTOR);
    }

    /** FWHM at {@code freq_hz}, radians. */
    public double fwhm_rad(double freq_hz) {
        return widthFactor * ChannelPhasors.C_M_PER_S / (freq_hz * dishDiameter_m);
    }

    /** Power attenuation at {@code offset_rad} from the pointing centre. */
    public double attenuation(double offset_rad, double freq_hz) {
        double x = offset_rad / fwhm_rad(freq_hz);
        return Math.exp(-FOUR_LN2 * x * x);
    }

    /** Power attenuation of a J2000 direction for a J2000 pointing centre. */
    public double attenuation(double ra_rad, double dec_rad, double pointingRa_rad, double pointingDec_rad,
            double freq_hz) {
        return attenuation(Spherical.separation_rad(pointingRa_rad, pointingDec_rad, ra_rad, dec_rad), freq_hz);
    }
}
