package org.vispark.udfs.diagnostics;

import java.io.Serializable;
import java.util.List;

/**
 * The DATA-versus-MODEL statistics of one MS and field, as {@link FieldDiagnosticsAccumulator} defines them.
 *
 * @param ampRatio              vector amplitude ratio (per-group vector sums), NaN without model
 * @param ampRatioScalar        sum |DATA| / sum |MODEL|, NaN without model
 * @param modelPhaseScatter_deg circular standard deviation of the MODEL phases, degrees
 * @param phaseDiffScatter_deg  circular standard deviation of phase(DATA conj(MODEL)) about its per-group mean, degrees
 * @param flaggedFraction       flagged values / values of cross-correlations
 * @param medianSnr             median over baselines of the baseline SNR
 * @param antennas              per-antenna statistics, by antenna id
 */
public record FieldDiagnostics(double ampRatio, double ampRatioScalar, double modelPhaseScatter_deg,
        double phaseDiffScatter_deg, double flaggedFraction, double medianSnr, List<AntennaDiagnostics> antennas) implements Serializable {}
