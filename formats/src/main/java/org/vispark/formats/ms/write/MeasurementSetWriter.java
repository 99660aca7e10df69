package org.vispark.formats.ms.write;

import static org.vispark.formats.ms.write.MsColumns.epoch;
import static org.vispark.formats.ms.write.MsColumns.measure;
import static org.vispark.formats.ms.write.MsColumns.scalar;
import static org.vispark.formats.ms.write.MsColumns.seconds;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vispark.formats.casacore.ArrayValue;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.TableInfo;
import org.vispark.formats.casacore.TableRecord;
import org.vispark.formats.casacore.TableReference;
import org.vispark.formats.casacore.write.ColumnSpec;
import org.vispark.formats.casacore.write.TableWriter;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.Polarization;
import org.vispark.formats.ms.SpectralWindow;

/**
 * Writes a Measurement Set (v2) that casacore, CASA and wsclean open: the main table with the required columns,
 * DATA and optionally MODEL_DATA, CORRECTED_DATA and WEIGHT_SPECTRUM, and the sub-tables of {@link MsSubtables}.
 *
 * <p>Main-table storage: DATA, MODEL_DATA, CORRECTED_DATA (Complex), WEIGHT_SPECTRUM (Float), FLAG (Bool), all
 * {@code [npol, nchan]}, and FLAG_CATEGORY ({@code [npol, nchan, 1]}, all false) each in a TiledColumnStMan of
 * their own with tiles of whole rows (about 1 MB); the other columns in one StandardStMan. TIME and
 * TIME_CENTROID are UTC epochs in seconds (MJD), UVW is in metres in the phase centres' frame (the FIELD
 * directions' frame, normally J2000).
 *
 * <p>Usage: {@link #create}, {@link #append} blocks of rows in order, then {@link #commit}. Until the commit the
 * MS is written into a hidden sibling directory; {@link #close()} without a commit deletes it, so no directory
 * of the final name exists unless complete.
 */
public final class MeasurementSetWriter implements Closeable {
    /** Which optional data columns the main table has. */
    public record DataColumns(boolean model, boolean corrected, boolean weightSpectrum) {}

    private final TableWriter main;
    private final int npol;
    private final int nchan;
    private final DataColumns optional;

    private MeasurementSetWriter(TableWriter main, int npol, int nchan, DataColumns optional) {
        this.main = main;
        this.npol = npol;
        this.nchan = nchan;
        this.optional = optional;
    }

    /**
     * Starts an MS at {@code dir} and writes its sub-tables.
     *
     * @param rowsHint expected main-table rows, 0 if unknown
     * @throws IOException when {@code dir} exists and not {@code overwrite}, or cannot be written
     */
    public static MeasurementSetWriter create(Path dir, MsMetadata metadata, DataColumns optional, boolean overwrite,
            long rowsHint) throws IOException {
        int nchan = commonChannels(dir, metadata.spectralWindows());
        int npol = commonCorrelations(dir, metadata.polarizations());
        String frame = commonFrame(dir, metadata.fields());
        TableRecord keywords = new TableRecord()
                .put(new TableRecord.Field("MS_VERSION", DataType.FLOAT, false, 2.0f, ""));
        for (String name : MsSubtables.NAMES) {
            keywords.put(new TableRecord.Field(name, DataType.TABLE, false, new TableReference("././" + name), ""));
        }
        TableWriter main = TableWriter.create(dir, "MS", mainColumns(npol, nchan, frame, optional), keywords,
                new TableInfo("Measurement Set", "", "This is a MeasurementSet Table holding measurements from a"
                        + " Telescope\n"), new TableWriter.Options(overwrite, rowsHint));
        try {
            MsSubtables.write(main.workingDir(), metadata, frame);
        } catch (IOException | RuntimeException e) {
            main.close();
            throw e;
        }
        return new MeasurementSetWriter(main, npol, nchan, optional);
    }

    private static List<ColumnSpec> mainColumns(int npol, int nchan, String frame, DataColumns optional) {
        int[] cell = {npol, nchan};
        List<ColumnSpec> c = new ArrayList<>(List.of(
                ColumnSpec.array("UVW", DataType.DOUBLE, new int[] {3}, measure("uvw", frame, "m", "m", "m")),
                ColumnSpec.tiled("FLAG", DataType.BOOL, cell, null),
                ColumnSpec.tiled("FLAG_CATEGORY", DataType.BOOL, new int[] {npol, nchan, 1}, noCategories()),
                ColumnSpec.array("WEIGHT", DataType.FLOAT, new int[] {npol}, null),
                ColumnSpec.array("SIGMA", DataType.FLOAT, new int[] {npol}, null),
                scalar("ANTENNA1", DataType.INT), scalar("ANTENNA2", DataType.INT), scalar("ARRAY_ID", DataType.INT),
                scalar("DATA_DESC_ID", DataType.INT), seconds("EXPOSURE"), scalar("FEED1", DataType.INT),
                scalar("FEED2", DataType.INT), scalar("FIELD_ID", DataType.INT), scalar("FLAG_ROW", DataType.BOOL),
                seconds("INTERVAL"), scalar("OBSERVATION_ID", DataType.INT), scalar("PROCESSOR_ID", DataType.INT),
                scalar("SCAN_NUMBER", DataType.INT), scalar("STATE_ID", DataType.INT), epoch("TIME"),
                epoch("TIME_CENTROID"),
                ColumnSpec.tiled("DATA", DataType.COMPLEX, cell, null)));
        if (optional.model()) {
            c.add(ColumnSpec.tiled("MODEL_DATA", DataType.COMPLEX, cell, null));
        }
        if (optional.corrected()) {
            c.add(ColumnSpec.tiled("CORRECTED_DATA", DataType.COMPLEX, cell, null));
        }
        if (optional.weightSpectrum()) {
            c.add(ColumnSpec.tiled("WEIGHT_SPECTRUM", DataType.FLOAT, cell, null));
        }
        return c;
    }

    /** The CATEGORY keyword (names of the FLAG_CATEGORY categories) that casacore requires: none. */
    private static TableRecord noCategories() {
        return new TableRecord().put(new TableRecord.Field("CATEGORY", DataType.STRING, true,
                new ArrayValue(DataType.STRING, new int[] {0}, new String[0]), ""));
    }

    /** Appends a block of main-table rows (see {@link VisibilityBlock} for the arrays' forms). */
    public void append(VisibilityBlock b) throws IOException {
        int n = b.rows();
        requireOptional("MODEL_DATA", optional.model(), b.model());
        requireOptional("CORRECTED_DATA", optional.corrected(), b.corrected());
        requireOptional("WEIGHT_SPECTRUM", optional.weightSpectrum(), b.weightSpectrum());
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("UVW", b.uvw_m());
        v.put("FLAG", b.flag());
        v.put("FLAG_CATEGORY", new boolean[n * npol * nchan]);
        v.put("WEIGHT", b.weight());
        v.put("SIGMA", b.sigma());
        v.put("ANTENNA1", b.antenna1());
        v.put("ANTENNA2", b.antenna2());
        v.put("ARRAY_ID", b.arrayId());
        v.put("DATA_DESC_ID", b.dataDescId());
        v.put("EXPOSURE", b.exposure_s());
        v.put("FEED1", b.feed1());
        v.put("FEED2", b.feed2());
        v.put("FIELD_ID", b.fieldId());
        v.put("FLAG_ROW", b.flagRow());
        v.put("INTERVAL", b.interval_s());
        v.put("OBSERVATION_ID", b.observationId());
        v.put("PROCESSOR_ID", b.processorId());
        v.put("SCAN_NUMBER", b.scanNumber());
        v.put("STATE_ID", b.stateId());
        v.put("TIME", b.time_mjdSec());
        v.put("TIME_CENTROID", b.timeCentroid_mjdSec());
        v.put("DATA", b.data());
        if (optional.model()) {
            v.put("MODEL_DATA", b.model());
        }
        if (optional.corrected()) {
            v.put("CORRECTED_DATA", b.corrected());
        }
        if (optional.weightSpectrum()) {
            v.put("WEIGHT_SPECTRUM", b.weightSpectrum());
        }
        main.append(n, v);
    }

    private void requireOptional(String column, boolean wanted, Object values) {
        if (wanted != (values != null)) {
            throw new IllegalArgumentException(main.path() + ": " + column + (wanted ? " was requested but a block"
                    + " has no values for it" : " was not requested but a block has values for it"));
        }
    }

    /** Main-table rows appended so far. */
    public long rowCount() {
        return main.rowCount();
    }

    /** Completes the MS and gives it its final name. */
    public void commit() throws IOException {
        main.commit();
    }

    /** Deletes the MS being written unless it was committed. */
    @Override
    public void close() throws IOException {
        main.close();
    }

    private static int commonChannels(Path dir, List<SpectralWindow> spws) {
        if (spws.isEmpty()) {
            throw new IllegalArgumentException(dir + ": an MS needs at least one spectral window");
        }
        int n = spws.get(0).channelCount();
        for (SpectralWindow s : spws) {
            if (s.channelCount() != n || s.chanWidth_hz().length != n) {
                throw new IllegalArgumentException(dir + ": spectral window " + s.id() + " has " + s.channelCount()
                        + " channels, window 0 has " + n + "; vispark writes one DATA cell shape per MS");
            }
        }
        return n;
    }

    private static int commonCorrelations(Path dir, List<Polarization> pols) {
        if (pols.isEmpty()) {
            throw new IllegalArgumentException(dir + ": an MS needs at least one polarization setup");
        }
        int n = pols.get(0).corrTypes().length;
        for (Polarization p : pols) {
            if (p.corrTypes().length != n) {
                throw new IllegalArgumentException(dir + ": polarization setup " + p.id() + " has "
                        + p.corrTypes().length + " correlations, setup 0 has " + n
                        + "; vispark writes one DATA cell shape per MS");
            }
        }
        return n;
    }

    private static String commonFrame(Path dir, List<Field> fields) {
        String frame = fields.isEmpty() ? "J2000" : fields.get(0).phaseDir().frame();
        for (Field f : fields) {
            for (var d : List.of(f.phaseDir(), f.delayDir(), f.referenceDir())) {
                if (!d.frame().equals(frame)) {
                    throw new IllegalArgumentException(dir + ": field " + f.id() + " has a direction in " + d.frame()
                            + " where field 0 has " + frame + "; an MS column has one frame");
                }
            }
        }
        return frame;
    }
}
