package org.vispark.jobs.export;

import java.util.Arrays;
import org.vispark.formats.ms.write.MeasurementSetWriter;
import org.vispark.formats.ms.write.VisibilityBlock;
import org.vispark.udfs.vis.PackedCells;

/**
 * Fills a {@link VisibilityBlock} from {@link SpilledRow}s of one cell shape. Values the lake holds as absent
 * (columns the source MS did not have) get the MS defaults: TIME_CENTROID = TIME, INTERVAL 0, EXPOSURE = INTERVAL,
 * FEED, ARRAY, OBSERVATION and SCAN 0, PROCESSOR_ID and STATE_ID -1, FLAG_ROW false, WEIGHT and SIGMA 1, FLAG false.
 */
final class BlockAssembler {
    private final int npol;
    private final int nchan;
    private final MeasurementSetWriter.DataColumns optional;

    BlockAssembler(int npol, int nchan, MeasurementSetWriter.DataColumns optional) {
        this.npol = npol;
        this.nchan = nchan;
        this.optional = optional;
    }

    /** The block of {@code rows}; throws IllegalArgumentException naming the row when one does not fit. */
    VisibilityBlock block(SpilledRow[] rows, long firstRow) {
        int n = rows.length;
        int values = npol * nchan;
        double[] time = new double[n];
        double[] centroid = new double[n];
        double[] interval = new double[n];
        double[] exposure = new double[n];
        int[] a1 = new int[n];
        int[] a2 = new int[n];
        int[] feed1 = new int[n];
        int[] feed2 = new int[n];
        int[] array = new int[n];
        int[] dd = new int[n];
        int[] field = new int[n];
        int[] obs = new int[n];
        int[] proc = new int[n];
        int[] scan = new int[n];
        int[] state = new int[n];
        boolean[] flagRow = new boolean[n];
        double[] uvw = new double[3 * n];
        float[] weight = new float[npol * n];
        float[] sigma = new float[npol * n];
        float[] data = new float[2 * values * n];
        boolean[] flag = new boolean[values * n];
        float[] model = optional.model() ? new float[2 * values * n] : null;
        float[] corrected = optional.corrected() ? new float[2 * values * n] : null;
        float[] spectrum = optional.weightSpectrum() ? new float[values * n] : null;
        for (int i = 0; i < n; i++) {
            SpilledRow r = rows[i];
            long row = firstRow + i;
            if (r.numPol() != npol || r.numChan() != nchan || r.data() == null) {
                throw new IllegalArgumentException("row " + row + " has " + (r.data() == null ? "no DATA"
                        : "cells of " + r.numPol() + " x " + r.numChan()) + " where the MS has " + npol + " x " + nchan
                        + "; an exported MS has one DATA shape and DATA in every row");
            }
            time[i] = r.time();
            centroid[i] = Double.isNaN(r.timeCentroid()) ? r.time() : r.timeCentroid();
            interval[i] = Double.isNaN(r.interval()) ? 0 : r.interval();
            exposure[i] = Double.isNaN(r.exposure()) ? interval[i] : r.exposure();
            a1[i] = r.antenna1();
            a2[i] = r.antenna2();
            feed1[i] = orDefault(r.feed1(), 0);
            feed2[i] = orDefault(r.feed2(), 0);
            array[i] = orDefault(r.arrayId(), 0);
            dd[i] = r.dataDescId();
            field[i] = r.fieldId();
            obs[i] = orDefault(r.observationId(), 0);
            proc[i] = orDefault(r.processorId(), -1);
            scan[i] = orDefault(r.scanNumber(), 0);
            state[i] = orDefault(r.stateId(), -1);
            flagRow[i] = r.flagRow() == 1;
            System.arraycopy(r.uvw(), 0, uvw, 3 * i, 3);
            perPol(r.weight(), weight, i, row, "WEIGHT");
            perPol(r.sigma(), sigma, i, row, "SIGMA");
            System.arraycopy(PackedCells.unpackFloats(r.data()), 0, data, 2 * values * i, 2 * values);
            if (r.flag() != null) {
                System.arraycopy(PackedCells.unpackFlags(r.flag(), values), 0, flag, values * i, values);
            }
            cell(r.model(), model, 2 * values, i, row, "MODEL_DATA");
            cell(r.corrected(), corrected, 2 * values, i, row, "CORRECTED_DATA");
            cell(r.weightSpectrum(), spectrum, values, i, row, "WEIGHT_SPECTRUM");
        }
        return new VisibilityBlock(n, time, centroid, interval, exposure, a1, a2, feed1, feed2, array, dd, field, obs,
                proc, scan, state, flagRow, uvw, weight, sigma, data, flag, model, corrected, spectrum);
    }

    private static int orDefault(int v, int absent) {
        return v == SpilledRow.ABSENT ? absent : v;
    }

    private void perPol(float[] src, float[] dst, int i, long row, String column) {
        if (src == null) {
            Arrays.fill(dst, npol * i, npol * (i + 1), 1f);
        } else if (src.length != npol) {
            throw new IllegalArgumentException("row " + row + ": " + column + " has " + src.length + " values for "
                    + npol + " polarizations");
        } else {
            System.arraycopy(src, 0, dst, npol * i, npol);
        }
    }

    private static void cell(byte[] packed, float[] dst, int floats, int i, long row, String column) {
        if (dst == null) {
            return;
        }
        if (packed == null) {
            throw new IllegalArgumentException("row " + row + " has no " + column + " while other rows do");
        }
        System.arraycopy(PackedCells.unpackFloats(packed), 0, dst, floats * i, floats);
    }
}
