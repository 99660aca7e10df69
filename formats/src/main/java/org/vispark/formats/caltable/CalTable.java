package org.vispark.formats.caltable;

import java.util.List;
import org.vispark.formats.ms.Antenna;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.Observation;
import org.vispark.formats.ms.SpectralWindow;

/**
 * The contents of a CASA (NewCalTable) calibration table, as {@link CalTableWriter} writes it.
 *
 * <p>Every row's cells have the shape {@code [numPol, numChan]} (see {@link CalRow}); all spectral windows of
 * the SPECTRAL_WINDOW subtable must have {@code numChan} channels, since the SPECTRAL_WINDOW subtable describes
 * the solution channels (CASA writes one channel per window for G Jones tables: use
 * {@link #averagedWindow(SpectralWindow)}). Subtable row {@code i} is element {@code i} of its list.
 *
 * @param visCal          calibration type, e.g. "B Jones", "G Jones", "K Jones" (VisCal keyword and table.info
 *                        sub-type)
 * @param parType         "Complex" (CPARAM column) or "Float" (FPARAM column, e.g. K Jones delays in ns)
 * @param msName          name of the MS the solutions were derived from (MSName keyword)
 * @param numPol          polarizations (receptors) per cell, e.g. 2
 * @param numChan         solution channels per cell (1 for G and K Jones)
 * @param rows            main-table rows, written in the given order (CASA writes them by time)
 * @param antennas        ANTENNA subtable
 * @param fields          FIELD subtable (directions of one frame, normally J2000)
 * @param spectralWindows SPECTRAL_WINDOW subtable, each with {@code numChan} channels
 * @param observations    OBSERVATION subtable
 */
public record CalTable(String visCal, String parType, String msName, int numPol, int numChan, List<CalRow> rows,
        List<Antenna> antennas, List<Field> fields, List<SpectralWindow> spectralWindows,
        List<Observation> observations) {

    public static final String COMPLEX = "Complex";
    public static final String FLOAT = "Float";

    public CalTable {
        rows = List.copyOf(rows);
        antennas = List.copyOf(antennas);
        fields = List.copyOf(fields);
        spectralWindows = List.copyOf(spectralWindows);
        observations = List.copyOf(observations);
    }

    /** True for ParType "Complex" (CPARAM), false for "Float" (FPARAM). */
    public boolean isComplex() {
        return COMPLEX.equals(parType);
    }

    /**
     * A one-channel version of a window, for solutions averaged over it (G, K Jones): the mean channel frequency,
     * width the sum of the channel widths; name, reference frequency, total bandwidth and frame kept.
     */
    public static SpectralWindow averagedWindow(SpectralWindow s) {
        double f = 0;
        double w = 0;
        for (int i = 0; i < s.channelCount(); i++) {
            f += s.chanFreq_hz()[i];
            w += s.chanWidth_hz()[i];
        }
        return new SpectralWindow(s.id(), s.name(), new double[] {f / s.channelCount()}, new double[] {w},
                s.refFreq_hz(), s.totalBandwidth_hz(), s.frequencyFrame());
    }
}
