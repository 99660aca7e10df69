package org.vispark.formats.ms;

import java.io.Serializable;

/**
 * A sky direction as an MS stores it.
 *
 * @param lon_rad longitude (right ascension for equatorial frames), radians
 * @param lat_rad latitude (declination), radians
 * @param frame   casacore direction reference, e.g. "J2000", "APP", "AZEL"
 */
public record Direction(double lon_rad, double lat_rad, String frame) implements Serializable {

    public double lonDeg() {
        return Math.toDegrees(lon_rad);
    }

    public double latDeg() {
        return Math.toDegrees(lat_rad);
    }
}
