package org.vispark.formats.ms.write;

import java.io.Serializable;

import java.util.List;
import org.vispark.formats.ms.Antenna;
import org.vispark.formats.ms.DataDescription;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.Observation;
import org.vispark.formats.ms.Polarization;
import org.vispark.formats.ms.SpectralWindow;
import org.vispark.formats.ms.State;

/**
 * What the sub-tables of a Measurement Set being written hold, as the reader's typed rows (row i of each list is
 * id i). All spectral windows must have the same number of channels and all polarization setups the same number
 * of correlations (DATA has one fixed cell shape), and all fields one direction frame.
 *
 * @param history one HISTORY row: what vispark did, and when (MJD seconds, UTC)
 */
public record MsMetadata(List<Antenna> antennas, List<Field> fields, List<SpectralWindow> spectralWindows,
        List<Polarization> polarizations, List<DataDescription> dataDescriptions, List<Observation> observations,
        List<State> states, HistoryEntry history) implements Serializable {

    /**
     * @param timeMjdSec  when, MJD seconds (UTC)
     * @param application the program ("vispark export-ms")
     * @param message     what it did
     */
    public record HistoryEntry(double timeMjdSec, String application, String message)
            implements Serializable {}
}
