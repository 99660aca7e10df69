package org.vispark.jobs.predict;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.jobs.lake.VisFields;
import org.vispark.jobs.lake.VisRecords;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.sky.ModelPredictor;

/**
 * Sets MODEL_DATA of visibility rows (records of the lake's visibilities schema) to a {@link ModelSpec}'s model,
 * predicted by {@link ModelPredictor} for each row's phase centre (its FIELD_ID's) and its own correlations (its
 * POLARIZATION row's CORR_TYPE: I on the parallel hands, 0 on the cross hands). Rows without cells (DATA undefined)
 * get MODEL_DATA null. One predictor per (field, spectral window, polarization setup) and its model cell, reused
 * from row to row: a row's MODEL_DATA is that buffer until the next row (the lake's writers copy it).
 */
public final class ModelRows {
    private final ModelSpec spec;
    private final Map<Integer, double[]> phaseCentres_rad;
    private final Map<Integer, double[]> chanFreqs_hz;
    private final Map<Key, Predictor> predictors = new HashMap<>();
    private final double[] uvw = new double[3];

    /** A predictor and the buffer of its packed model cell. */
    private record Predictor(ModelPredictor model, ByteBuffer cell) {}

    private record Key(int field, int spw, int polId) {}

    /**
     * @param phaseCentres_rad J2000 (ra, dec) of the phase centre of each FIELD_ID the rows have, as their UVW are
     * @param chanFreqs_hz     channel frequencies of each spectral window
     */
    public ModelRows(ModelSpec spec, Map<Integer, double[]> phaseCentres_rad, Map<Integer, double[]> chanFreqs_hz) {
        this.spec = spec;
        this.phaseCentres_rad = phaseCentres_rad;
        this.chanFreqs_hz = chanFreqs_hz;
    }

    /** Sets the row's MODEL_DATA from its UVW, FIELD_ID, DATA_DESC's window and polarization setup. */
    public void apply(GenericRecord r) {
        int numPol = VisRecords.integer(r, VisFields.NUM_POL);
        if (numPol == 0) {
            r.put(VisFields.MODEL_DATA, null);
            return;
        }
        int field = VisRecords.integer(r, VisFields.FIELD_ID);
        double[] centre = phaseCentres_rad.get(field);
        if (centre == null) {
            throw new IllegalArgumentException("row " + r.get("row") + " has FIELD_ID " + field
                    + ", which has no J2000 phase centre in the MS's FIELD table");
        }
        VisRecords.uvwAt(r, uvw);
        int polId = VisRecords.integer(r, VisFields.POL_ID);
        Predictor p = predictor(field, VisRecords.integer(r, VisFields.SPW), polId);
        if (p.model().polarizations() != numPol) {
            throw new IllegalArgumentException("row " + r.get("row") + " has " + numPol + " correlations, but its"
                    + " POLARIZATION row " + polId + " lists " + p.model().polarizations());
        }
        p.model().predictPacked(uvw, 0, centre[0], centre[1], p.cell().array());
        r.put(VisFields.MODEL_DATA, p.cell().clear());
    }

    private Predictor predictor(int field, int spw, int polId) {
        return predictors.computeIfAbsent(new Key(field, spw, polId), k -> {
            int[] corrTypes = spec.corrTypes().get(polId);
            if (corrTypes == null) {
                throw new IllegalArgumentException("polarization setup " + polId
                        + " is not in the MS's POLARIZATION table");
            }
            double[] freqs = MsVersions.frequencies(chanFreqs_hz, spw);
            double[] p = spec.pointings_rad().get(field);
            RaDec pointing = spec.beam() == null || p == null ? null : RaDec.j2000(p[0], p[1]);
            ModelPredictor m = new ModelPredictor(spec.components(), freqs, corrTypes, spec.beam(), pointing);
            return new Predictor(m, ByteBuffer.allocate(m.packedBytes()));
        });
    }
}
