package org.vispark.udfs.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.MeasurementSet;
import org.vispark.udfs.astro.RaDec;

/** The main-table columns of a one-field, one-window MS written by make_ms.py, as the diagnostics tests use them. */
record SimulatedMs(RaDec fieldCentre, double[] freq_hz, int numChan, int numPol, int[] corrTypes, int[] ant1, int[] ant2, double[] uvw,
        float[] data, float[] model, boolean[] flags) {

    static SimulatedMs read(Path ms) throws Exception {
        try (MeasurementSet m = MeasurementSet.open(ms)) {
            assertEquals(1, m.fields().size(), ms + ": one field");
            Field f = m.fields().get(0);
            assertEquals("J2000", f.phaseDir().frame());
            Table t = m.main();
            int rows = Math.toIntExact(t.rowCount());
            int[] shape = t.column("DATA").shape(0);
            return new SimulatedMs(RaDec.j2000(f.phaseDir().lon_rad(), f.phaseDir().lat_rad()),
                    m.spectralWindows().get(0).chanFreq_hz(), shape[1], shape[0], m.polarizations().get(0).corrTypes(),
                    (int[]) t.column("ANTENNA1").read(0, rows), (int[]) t.column("ANTENNA2").read(0, rows),
                    (double[]) t.column("UVW").read(0, rows), (float[]) t.column("DATA").read(0, rows),
                    t.columnNames().contains("MODEL_DATA") ? (float[]) t.column("MODEL_DATA").read(0, rows) : null,
                    (boolean[]) t.column("FLAG").read(0, rows));
        }
    }

    int rows() {
        return ant1.length;
    }

    /** Floats per row of DATA / MODEL_DATA. */
    int floatsPerRow() {
        return 2 * numChan * numPol;
    }
}
