package org.vispark.udfs.astro;

/**
 * An equatorial direction.
 *
 * @param ra_rad  right ascension, radians, in [0, 2 pi)
 * @param dec_rad declination, radians, in [-pi/2, pi/2]
 * @param frame   the reference frame as written by its source ("J2000" or "ICRS"; vispark treats the two as one
 *                frame: they differ by the ICRS frame bias, about 0.02 arcsec, well below 0.1 arcsec)
 */
public record RaDec(double ra_rad, double dec_rad, String frame) implements java.io.Serializable {
    /** The J2000 frame name. */
    public static final String J2000 = "J2000";

    public RaDec {
        if (!Double.isFinite(ra_rad) || !Double.isFinite(dec_rad) || Math.abs(dec_rad) > Math.PI / 2 + 1e-12) {
            throw new IllegalArgumentException("not a direction: ra " + ra_rad + " rad, dec " + dec_rad + " rad");
        }
        ra_rad = Spherical.normalizeRa(ra_rad);
    }

    /** A J2000 direction. */
    public static RaDec j2000(double ra_rad, double dec_rad) {
        return new RaDec(ra_rad, dec_rad, J2000);
    }

    /** The unit vector of this direction in its frame (x to RA 0, z to the pole). */
    public double[] unitVector() {
        return Spherical.unitVector(ra_rad, dec_rad);
    }

    public double raDeg() {
        return Math.toDegrees(ra_rad);
    }

    public double decDeg() {
        return Math.toDegrees(dec_rad);
    }
}
