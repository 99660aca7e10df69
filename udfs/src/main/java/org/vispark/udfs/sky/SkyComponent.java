package org.vispark.udfs.sky;

import java.io.Serializable;

/**
 * One unpolarized source of a sky model: a point or an elliptical Gaussian.
 *
 * <p>Position J2000, radians. Spectrum: {@code S(f) = flux_jy (f / refFreq_hz)^spectralIndex} (Stokes I, Jy).
 * Shape: a Gaussian of full widths at half maximum {@code major_rad >= minor_rad}, the major axis at position angle
 * {@code positionAngle_rad} from north through east; a point has both widths 0.
 *
 * @param name              a label (catalogue name), may be empty
 * @param ra_rad            J2000 right ascension, radians
 * @param dec_rad           J2000 declination, radians
 * @param flux_jy           Stokes I flux density at {@code refFreq_hz}, Jy
 * @param refFreq_hz        reference frequency of {@code flux_jy}, Hz
 * @param spectralIndex     alpha of {@code S ~ f^alpha}
 * @param major_rad         FWHM of the major axis, radians (0 for a point)
 * @param minor_rad         FWHM of the minor axis, radians (0 for a point)
 * @param positionAngle_rad position angle of the major axis, north through east, radians
 */
public record SkyComponent(String name, double ra_rad, double dec_rad, double flux_jy, double refFreq_hz,
        double spectralIndex, double major_rad, double minor_rad, double positionAngle_rad) implements Serializable {

    public SkyComponent {
        if (!Double.isFinite(ra_rad) || !Double.isFinite(dec_rad) || Math.abs(dec_rad) > Math.PI / 2 + 1e-12) {
            throw new IllegalArgumentException("component '" + name + "': not a direction: ra " + ra_rad
                    + " rad, dec " + dec_rad + " rad");
        }
        if (!Double.isFinite(flux_jy) || !(refFreq_hz > 0) || !Double.isFinite(spectralIndex)) {
            throw new IllegalArgumentException("component '" + name + "': flux " + flux_jy + " Jy at " + refFreq_hz
                    + " Hz with spectral index " + spectralIndex + " is not a spectrum");
        }
        if (!(major_rad >= 0) || !(minor_rad >= 0) || minor_rad > major_rad || !Double.isFinite(major_rad)
                || !Double.isFinite(positionAngle_rad)) {
            throw new IllegalArgumentException("component '" + name + "': Gaussian widths major " + major_rad
                    + " rad, minor " + minor_rad + " rad, PA " + positionAngle_rad
                    + " rad: need finite 0 <= minor <= major");
        }
        name = name == null ? "" : name;
    }

    /** A point source. */
    public static SkyComponent point(String name, double ra_rad, double dec_rad, double flux_jy, double refFreq_hz,
            double spectralIndex) {
        return new SkyComponent(name, ra_rad, dec_rad, flux_jy, refFreq_hz, spectralIndex, 0, 0, 0);
    }

    /** Flux density at {@code freq_hz}, Jy. */
    public double fluxAt(double freq_hz) {
        return spectralIndex == 0 ? flux_jy : flux_jy * Math.pow(freq_hz / refFreq_hz, spectralIndex);
    }

    public boolean isGaussian() {
        return major_rad > 0;
    }
}
