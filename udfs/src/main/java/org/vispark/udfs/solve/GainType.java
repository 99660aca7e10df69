package org.vispark.udfs.solve;

/**
 * The calibration terms, named as CASA's gaincal/bandpass {@code gaintype}.
 * <ul>
 *   <li>{@link #K}: one delay per antenna and polarization; gain {@code exp(2 pi i tau (nu - nu_ref))}.</li>
 *   <li>{@link #G}: one complex gain per antenna and polarization, all channels combined.</li>
 *   <li>{@link #B}: one complex gain per antenna, polarization and channel (bandpass).</li>
 * </ul>
 */
public enum GainType {
    K, G, B;

    /** Parses "K", "G" or "B" (any case). */
    public static GainType parse(String name) {
        for (GainType t : values()) {
            if (t.name().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("gaintype must be K, G or B, not '" + name + "'");
    }
}
