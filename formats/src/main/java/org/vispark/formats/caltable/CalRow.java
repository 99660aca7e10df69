package org.vispark.formats.caltable;

/**
 * One row of a CASA calibration table: the solution of one antenna for one time interval, field and spectral
 * window.
 *
 * <p>Array cells have the casacore shape {@code [npol, nchan]} (polarization varying fastest, as casacore
 * stores it): the value of polarization {@code p}, channel {@code c} is at index {@code c * npol + p}. Complex
 * parameters are interleaved {@code re, im} pairs, so {@code params} then has {@code 2 * npol * nchan} elements
 * and the real part of (p, c) is at {@code 2 * (c * npol + p)}.
 *
 * @param time_mjdSec   solution time (interval centre), MJD seconds, UTC
 * @param interval_s    solution interval, seconds (CASA writes 0 for some solution types)
 * @param fieldId       FIELD_ID (row of the table's FIELD subtable)
 * @param spwId         SPECTRAL_WINDOW_ID (row of the table's SPECTRAL_WINDOW subtable)
 * @param antenna1      antenna the solution belongs to (row of the ANTENNA subtable)
 * @param antenna2      reference antenna of the solution (CASA writes the refant index here; -1 if none)
 * @param scan          SCAN_NUMBER
 * @param observationId OBSERVATION_ID
 * @param params        CPARAM (interleaved re, im, for ParType "Complex") or FPARAM (ParType "Float"; K Jones
 *                      delays in ns) cell
 * @param paramErr      PARAMERR cell, {@code npol * nchan} values
 * @param flags         FLAG cell, {@code npol * nchan} values, true = solution flagged
 * @param snr           SNR cell, {@code npol * nchan} values
 * @param weight        WEIGHT cell, {@code npol * nchan} values; null writes zeros (CASA leaves it undefined)
 */
public record CalRow(double time_mjdSec, double interval_s, int fieldId, int spwId, int antenna1, int antenna2,
        int scan, int observationId, float[] params, float[] paramErr, boolean[] flags, float[] snr,
        float[] weight) {}
