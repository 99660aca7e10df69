package org.vispark.formats.uvh5;

/**
 * One entry of a UVH5 phase-centre catalogue ({@code Header/phase_center_catalog/<id>} in the current
 * layout; the older layout's {@code phase_type} becomes one entry with id 0).
 *
 * @param id           catalogue id, the value {@code phase_center_id_array} refers to
 * @param name         {@code cat_name} (older layout: {@code object_name})
 * @param type         {@code cat_type}: "sidereal", "ephem", "driftscan" or "unprojected" (the older
 *                     layout's "drift" becomes "unprojected", "phased" becomes "sidereal")
 * @param lon_rad      {@code cat_lon}: longitude (RA for sidereal centres) in {@code frame}, radians; NaN if none
 * @param lat_rad      {@code cat_lat}: latitude (Dec) in {@code frame}, radians; NaN if none
 * @param frame        {@code cat_frame} ("icrs", "fk5", ...), or null if none
 * @param epoch_yr     {@code cat_epoch}, Julian years (2000.0 for J2000), NaN if none
 */
public record PhaseCenter(int id, String name, String type, double lon_rad, double lat_rad, String frame,
        double epoch_yr) {

    /** True if the data are phased to a fixed sky position (not a drift scan). */
    public boolean sidereal() {
        return "sidereal".equals(type);
    }
}
