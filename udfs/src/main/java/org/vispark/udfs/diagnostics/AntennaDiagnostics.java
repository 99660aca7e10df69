package org.vispark.udfs.diagnostics;

import java.io.Serializable;

/**
 * Statistics of the baselines of one antenna ({@link FieldDiagnosticsAccumulator} defines them).
 *
 * @param antenna         antenna id (row of the ANTENNA table)
 * @param snr             median SNR of its baselines (NaN if none has one)
 * @param flaggedFraction flagged values / values of its baselines
 * @param meanAmplitude   mean |DATA| of its unflagged values (data units, Jy before calibration only nominally)
 */
public record AntennaDiagnostics(int antenna, double snr, double flaggedFraction, double meanAmplitude) implements Serializable {}
