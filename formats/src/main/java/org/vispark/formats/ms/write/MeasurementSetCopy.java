package org.vispark.formats.ms.write;

import java.io.IOException;
import java.nio.file.Path;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.ms.MeasurementSet;

/**
 * Copies a Measurement Set read with {@link MeasurementSet} into a new one written by
 * {@link MeasurementSetWriter}, main-table rows in blocks of about {@value #BLOCK_BYTES} bytes of visibilities.
 * Sub-tables carry what the reader's typed rows hold (see {@link MsSubtables} for the rest).
 */
public final class MeasurementSetCopy {
    private static final long BLOCK_BYTES = 64L << 20;

    private MeasurementSetCopy() {}

    /** Copies {@code source} to {@code target}, adding {@code history} as its HISTORY row. */
    public static void copy(Path source, Path target, MsMetadata.HistoryEntry history, boolean overwrite)
            throws IOException {
        try (MeasurementSet ms = MeasurementSet.open(source)) {
            Table main = ms.main();
            MsMetadata meta = new MsMetadata(ms.antennas(), ms.fields(), ms.spectralWindows(), ms.polarizations(),
                    ms.dataDescriptions(), ms.observations(), ms.states(), history);
            MeasurementSetWriter.DataColumns optional = new MeasurementSetWriter.DataColumns(
                    main.hasColumn("MODEL_DATA"), main.hasColumn("CORRECTED_DATA"), main.hasColumn("WEIGHT_SPECTRUM"));
            long rows = main.rowCount();
            int[] cell = main.column("DATA").shape(0);
            long rowBytes = rows == 0 ? 1 : 8L * cell[0] * cell[1];
            int block = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 16, BLOCK_BYTES / rowBytes));
            try (MeasurementSetWriter w = MeasurementSetWriter.create(target, meta, optional, overwrite, rows)) {
                for (long first = 0; first < rows; first += block) {
                    int n = (int) Math.min(block, rows - first);
                    w.append(block(main, first, n, optional));
                }
                w.commit();
            }
        }
    }

    private static VisibilityBlock block(Table t, long first, int n, MeasurementSetWriter.DataColumns optional)
            throws IOException {
        return new VisibilityBlock(n, (double[]) read(t, "TIME", first, n), (double[]) read(t, "TIME_CENTROID", first, n),
                (double[]) read(t, "INTERVAL", first, n), (double[]) read(t, "EXPOSURE", first, n),
                (int[]) read(t, "ANTENNA1", first, n), (int[]) read(t, "ANTENNA2", first, n),
                (int[]) read(t, "FEED1", first, n), (int[]) read(t, "FEED2", first, n),
                (int[]) read(t, "ARRAY_ID", first, n), (int[]) read(t, "DATA_DESC_ID", first, n),
                (int[]) read(t, "FIELD_ID", first, n), (int[]) read(t, "OBSERVATION_ID", first, n),
                (int[]) read(t, "PROCESSOR_ID", first, n), (int[]) read(t, "SCAN_NUMBER", first, n),
                (int[]) read(t, "STATE_ID", first, n), (boolean[]) read(t, "FLAG_ROW", first, n),
                (double[]) read(t, "UVW", first, n), (float[]) read(t, "WEIGHT", first, n),
                (float[]) read(t, "SIGMA", first, n), (float[]) read(t, "DATA", first, n),
                (boolean[]) read(t, "FLAG", first, n),
                optional.model() ? (float[]) read(t, "MODEL_DATA", first, n) : null,
                optional.corrected() ? (float[]) read(t, "CORRECTED_DATA", first, n) : null,
                optional.weightSpectrum() ? (float[]) read(t, "WEIGHT_SPECTRUM", first, n) : null);
    }

    private static Object read(Table t, String column, long first, int n) throws IOException {
        return t.column(column).read(first, n);
    }
}
