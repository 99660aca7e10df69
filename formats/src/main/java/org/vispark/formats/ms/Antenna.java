package org.vispark.formats.ms;

import java.io.Serializable;

/**
 * A row of the ANTENNA subtable.
 *
 * @param id              row number (the ANTENNA1/ANTENNA2 value)
 * @param name            antenna name
 * @param station         station name
 * @param positionItrf_m  position, ITRF geocentric X, Y, Z in metres
 * @param dishDiameter_m  dish diameter, metres
 * @param mount           mount type
 * @param flagged         FLAG_ROW
 */
public record Antenna(int id, String name, String station, double[] positionItrf_m, double dishDiameter_m,
        String mount, boolean flagged) implements Serializable {}
