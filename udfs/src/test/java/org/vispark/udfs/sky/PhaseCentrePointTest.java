package org.vispark.udfs.sky;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vispark.udfs.vis.Correlations;

/** The default model is what {@link ModelPredictor} gives for a 1 Jy flat-spectrum point at the phase centre. */
class PhaseCentrePointTest {
    @Test
    void equalsThePredictedPointAtThePhaseCentre() {
        double[] freq = {1.30e9, 1.31e9, 1.32e9};
        double ra0 = 2.1;
        double dec0 = -0.4;
        SkyComponent unit = SkyComponent.point("unit", ra0, dec0, 1.0, 1.4e9, 0);
        for (int[] corr : List.of(new int[] {Correlations.XX, Correlations.YY},
                new int[] {Correlations.RR, Correlations.RL, Correlations.LR, Correlations.LL},
                new int[] {Correlations.XY}, new int[] {Correlations.XX})) {
            byte[] predicted = new ModelPredictor(List.of(unit), freq, corr, null, null)
                    .predictPacked(new double[] {1234.5, -678.9, 42.0}, 0, ra0, dec0);
            assertArrayEquals(floats(predicted), floats(PhaseCentrePoint.packedCell(freq.length, corr)), 1e-6f,
                    Correlations.names(corr));
        }
        assertThrows(IllegalArgumentException.class, () -> PhaseCentrePoint.packedCell(0, new int[] {9}));
    }

    private static float[] floats(byte[] packed) {
        float[] out = new float[packed.length / 4];
        ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
