package org.vispark.formats.uvh5;

import java.lang.reflect.Array;

/**
 * Where unprojected (drift-scan) UVH5 data are phased: a fixed direction of the topocentric HADEC frame, i.e. fixed
 * to the Earth. The DSA-110 writes it as extra keywords: {@code ha_phase_center} (hour angle, radians, west
 * positive; 0 is the meridian) and {@code phase_center_dec} (declination, radians, the pointing). Without them the
 * data are phased to the zenith: hour angle 0 at the geodetic latitude.
 *
 * @param ha_rad  hour angle, radians, west positive
 * @param dec_rad declination, radians (of date: a topocentric direction)
 * @param stated  whether {@code phase_center_dec} gave the declination (false: the zenith's latitude)
 */
public record DriftPointing(double ha_rad, double dec_rad, boolean stated) {
    static final String DEC_KEYWORD = "phase_center_dec";
    static final String HA_KEYWORD = "ha_phase_center";

    /** The pointing of a header's unprojected data. */
    public static DriftPointing of(Uvh5Header h) {
        Double dec = number(h.extraKeywords().get(DEC_KEYWORD));
        Double ha = number(h.extraKeywords().get(HA_KEYWORD));
        return new DriftPointing(ha == null ? 0 : ha, dec == null ? h.location().latitude_rad() : dec, dec != null);
    }

    /**
     * The direction as an ITRF unit vector at an observatory of east longitude {@code lon_rad}: hour angle ha lies
     * ha west of the meridian, so at longitude {@code lon - ha}.
     */
    public double[] itrfUnitVector(double lon_rad) {
        double cd = Math.cos(dec_rad);
        return new double[] {cd * Math.cos(lon_rad - ha_rad), cd * Math.sin(lon_rad - ha_rad), Math.sin(dec_rad)};
    }

    /** A scalar keyword value (a number or a one-element numeric array); null when absent or not a number. */
    private static Double number(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v != null && v.getClass().isArray() && Array.getLength(v) == 1 && Array.get(v, 0) instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }
}
