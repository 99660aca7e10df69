package org.vispark.udfs.sky;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.vispark.udfs.vis.Correlations;

/**
 * The model CASA's gaincal takes for a row without MODEL_DATA: an unpolarized 1 Jy point source at the phase centre.
 * Its visibility is 1 + 0i on every baseline and channel of the parallel hands and 0 on the cross hands (the response
 * of {@link Correlations#unpolarizedResponse}), whatever the UVW.
 */
public final class PhaseCentrePoint {
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);

    private PhaseCentrePoint() {}

    /**
     * The model as a packed lake cell ({@link org.vispark.udfs.vis.PackedCells}: little-endian float32 re, im,
     * polarization fastest) of {@code numChan} channels and the correlations {@code corrTypes} (casacore Stokes codes).
     */
    public static byte[] packedCell(int numChan, int[] corrTypes) {
        if (numChan < 1) {
            throw new IllegalArgumentException("a model cell needs at least one channel, not " + numChan);
        }
        float[] response = Correlations.unpolarizedResponse(corrTypes);
        byte[] cell = new byte[8 * numChan * response.length];
        for (int c = 0, b = 0; c < numChan; c++) {
            for (float r : response) {
                FLOAT_LE.set(cell, b, r);
                b += 8;
            }
        }
        return cell;
    }
}
