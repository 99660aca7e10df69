package org.vispark.udfs.phasing;

import java.io.Serializable;
import org.vispark.udfs.astro.RaDec;

/**
 * The fixed J2000 centre drift-scan data are phased to, and why.
 *
 * @param centre J2000 direction
 * @param name   the field name it gets: "meridian", the calibrator's name, or the direction as given
 * @param reason the centre and how it was chosen, in words, e.g. "the calibrator 0834+555 (...), 0.872 deg from the
 *               meridian at ..." (printed by convert and kept in the {@code fields} table)
 */
public record PhaseCentreChoice(RaDec centre, String name, String reason) implements Serializable {}
