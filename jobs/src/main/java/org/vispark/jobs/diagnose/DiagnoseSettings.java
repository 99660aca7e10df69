package org.vispark.jobs.diagnose;

import java.io.Serializable;
import java.util.Locale;

/**
 * Tuning of the diagnosis, the same for every MS of a run.
 *
 * @param channelsPerBlock  channels over which an unsolved gain counts as constant (the groups of
 *                          {@link org.vispark.udfs.diagnostics.FieldDiagnosticsAccumulator})
 * @param peakChannels      the data-peak search averages DATA into at most this many channel bins first (cost)
 * @param searchRadius_rad  half width of the data-peak search about the calibrator
 * @param plotPoints        points of the amplitude/phase versus uv-distance plots kept per field
 * @param dataColumn        the lake column judged against MODEL_DATA: data or corrected_data
 */
public record DiagnoseSettings(int channelsPerBlock, int peakChannels, double searchRadius_rad, int plotPoints,
        String dataColumn) implements Serializable {
    public DiagnoseSettings {
        if (!dataColumn.equals("data") && !dataColumn.equals("corrected_data")) {
            throw new IllegalArgumentException("diagnose judges DATA or CORRECTED_DATA, not " + dataColumn);
        }
    }

    /** 4 channels per block, 48 peak-search channels, a 2 degree search radius, 600 plot points, DATA. */
    public static DiagnoseSettings defaults() {
        return new DiagnoseSettings(4, 48, Math.toRadians(2), 600, "data");
    }

    /** These settings judging {@code column} (DATA or CORRECTED_DATA, any case). */
    public DiagnoseSettings withDataColumn(String column) {
        return new DiagnoseSettings(channelsPerBlock, peakChannels, searchRadius_rad, plotPoints,
                column.toLowerCase(Locale.ROOT));
    }
}
