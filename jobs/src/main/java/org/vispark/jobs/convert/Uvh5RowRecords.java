package org.vispark.jobs.convert;

import java.nio.ByteBuffer;
import org.vispark.formats.uvh5.JulianDate;
import org.vispark.formats.uvh5.Uvh5Header;
import org.vispark.formats.uvh5.Uvh5MsModel;
import org.vispark.formats.uvh5.Uvh5Rows;
import org.vispark.udfs.phasing.DriftPhaser;
import org.vispark.udfs.vis.PackedCells;

/**
 * UVH5 blts as {@link RowRecords}' sort-buffer records: one record per (blt, spectral window), its
 * channels in the lake's ascending-frequency order ({@link Uvh5MsModel#channels}). TIME and
 * TIME_CENTROID are {@code time_array} as MJD seconds, INTERVAL and EXPOSURE {@code integration_time};
 * ANTENNA1/2 the antennas' ANTENNA rows ({@link Uvh5MsModel#antennaId}); UVW {@code uvw_array} unchanged (ant2 − ant1, as in the MS),
 * except for unprojected (drift) rows phased on conversion: their UVW and DATA as {@link DriftPhaser} makes them; DATA
 * {@code visdata}, FLAG {@code flags}, WEIGHT_SPECTRUM {@code nsamples}, WEIGHT per correlation the mean
 * of {@code nsamples} over the window's channels; FLAG_ROW when every flag of the row is set. FEED1/2,
 * OBSERVATION_ID and ARRAY_ID are 0, SCAN_NUMBER 1; STATE_ID, PROCESSOR_ID, SIGMA, MODEL_DATA and
 * CORRECTED_DATA are absent.
 */
final class Uvh5RowRecords {
    static final RowDecoder.Present PRESENT = new RowDecoder.Present(true, true, true, true, true, true, true, true,
            false, false, true);

    private final Uvh5Header h;
    private final Uvh5MsModel model;
    private final int npols;
    private final int[][] channels;
    /** Per window: whether its channels are consecutive ascending in the file (a run of each blt's values). */
    private final boolean[] consecutive;
    /** Phases the unprojected rows; null to keep them as recorded. */
    private final DriftPhaser phaser;
    private final double[] uvw = new double[3];
    /** Per correlation, the sum of a record's nsamples over its channels. */
    private final double[] weightSum;
    private float[] data = new float[0];
    private boolean[] flags = new boolean[0];
    private float[] weights = new float[0];

    Uvh5RowRecords(Uvh5Header header, Uvh5MsModel model, DriftPhaser phaser) {
        this.h = header;
        this.model = model;
        this.phaser = phaser;
        this.npols = header.npols();
        this.weightSum = new double[npols];
        this.channels = new int[model.spwCount()][];
        this.consecutive = new boolean[channels.length];
        for (int s = 0; s < channels.length; s++) {
            channels[s] = model.channels(s);
            consecutive[s] = isConsecutive(channels[s]);
        }
    }

    private static boolean isConsecutive(int[] ch) {
        for (int k = 1; k < ch.length; k++) {
            if (ch[k] != ch[0] + k) {
                return false;
            }
        }
        return true;
    }

    /** Lake rows per blt. */
    int spwCount() {
        return channels.length;
    }

    /** MJD seconds of a blt. */
    double timeMjdSec(int blt) {
        return JulianDate.toMjdSec(h.time_jd()[blt]);
    }

    /** Bytes the record of window {@code spw} of a blt takes. */
    int size(int spw) {
        int values = channels[spw].length * npols;
        return RowRecords.HEADER + (4 + 4 * npols) + 4 + 5 * 4 + 8 * values + PackedCells.flagBytes(values)
                + 4 * values;
    }

    /** Writes the record of window {@code spw} of blt {@code b} of {@code rows} (a blt of the file). */
    void write(Uvh5Rows rows, int b, int spw, ByteBuffer dst) {
        int blt = rows.firstBlt() + b;
        int[] ch = channels[spw];
        int values = ch.length * npols;
        if (data.length < 2 * values) {
            data = new float[2 * values];
            flags = new boolean[values];
            weights = new float[values];
        }
        // the window's values: read in place when they are one run of the blt's, else gathered in lake order
        float[] visFrom = data;
        boolean[] flagsFrom = flags;
        float[] weightsFrom = weights;
        int from = 0;
        if (consecutive[spw]) {
            visFrom = rows.vis();
            flagsFrom = rows.flags();
            weightsFrom = rows.nsamples();
            from = ch.length == 0 ? 0 : rows.index(b, ch[0], 0);
        } else {
            gather(rows, b, ch);
        }
        boolean allFlagged = true;
        for (int at = from, end = from + values; at < end; at++) {
            if (!flagsFrom[at]) {
                allFlagged = false;
                break;
            }
        }
        for (int p = 0; p < npols; p++) {
            double sum = 0;
            for (int k = 0, at = from + p; k < ch.length; k++, at += npols) {
                sum += weightsFrom[at];
            }
            weightSum[p] = sum;
        }
        double time = timeMjdSec(blt);
        int a1 = model.antennaId(h.ant1()[blt]);
        int a2 = model.antennaId(h.ant2()[blt]);
        int visAt = 2 * from;
        if (phaser != null && model.unprojected(blt)) {
            if (visFrom != data) {
                System.arraycopy(visFrom, visAt, data, 0, 2 * values);
                visFrom = data;
                visAt = 0;
            }
            phaser.phase(time, a1, a2, spw, data, uvw);
        } else {
            System.arraycopy(h.uvw_m(), 3 * blt, uvw, 0, 3);
        }
        double integration = h.integrationTime_s()[blt];
        dst.putLong((long) blt * channels.length + spw);
        dst.putDouble(time);
        dst.putDouble(integration);
        dst.putDouble(integration);
        dst.putDouble(time);
        dst.putInt(a1);
        dst.putInt(a2);
        dst.putInt(0);
        dst.putInt(0);
        dst.putInt(model.fieldId(blt));
        dst.putInt(spw);
        dst.putInt(spw);
        dst.putInt(0);
        dst.putInt(1);
        dst.putInt(0);
        dst.putInt(0);
        dst.putInt(0);
        dst.putInt(0);
        dst.putInt(ch.length);
        dst.putInt(npols);
        dst.put((byte) (allFlagged ? 1 : 0));
        dst.putDouble(uvw[0]).putDouble(uvw[1]).putDouble(uvw[2]);
        dst.putInt(npols);
        for (int p = 0; p < npols; p++) {
            dst.putFloat(ch.length == 0 ? 0 : (float) (weightSum[p] / ch.length));
        }
        dst.putInt(-1);
        dst.putInt(4 * 2 * values);
        PackedCells.putFloats(visFrom, visAt, 2 * values, dst);
        dst.putInt(PackedCells.flagBytes(values));
        PackedCells.putFlags(flagsFrom, from, values, dst);
        dst.putInt(4 * values);
        PackedCells.putFloats(weightsFrom, from, values, dst);
        dst.putInt(-1);
        dst.putInt(-1);
    }

    /** Copies the values of blt {@code b}'s channels {@code ch} (in that order) into data, flags, weights. */
    private void gather(Uvh5Rows rows, int b, int[] ch) {
        float[] vis = rows.vis();
        boolean[] rowFlags = rows.flags();
        float[] nsamples = rows.nsamples();
        for (int k = 0; k < ch.length; k++) {
            int src = rows.index(b, ch[k], 0);
            for (int p = 0; p < npols; p++) {
                int dstIndex = k * npols + p;
                data[2 * dstIndex] = vis[2 * (src + p)];
                data[2 * dstIndex + 1] = vis[2 * (src + p) + 1];
                flags[dstIndex] = rowFlags[src + p];
                weights[dstIndex] = nsamples[src + p];
            }
        }
    }
}
