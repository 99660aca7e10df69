package org.vispark.udfs.sky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.MeasurementSet;
import org.vispark.udfs.astro.PythonReference;

/**
 * The independent check of {@link ModelPredictor}: make_ms.py --model true writes MODEL_DATA = the true sky
 * (python-casacore, numpy, UVW from casacore's measures) for the sources it is given; predicting the same components
 * for the MS's UVW and phase centre must reproduce it to float precision.
 */
class ModelPredictorMakeMsTest {
    @Test
    void predictionEqualsMakeMsTrueModel(@TempDir Path tmp) throws Exception {
        double[] src1 = {128.7287, 55.5725, 2.5};
        double[] src2 = {128.3, 54.9, 0.7};
        Path ms = PythonReference.makeMs(tmp.resolve("t.ms"), "--nant", "16", "--nchan", "64", "--ntime", "8",
                "--model", "true", "--dm", "standard", "--source", src1[0] + "," + src1[1] + "," + src1[2],
                "--source2", src2[0] + "," + src2[1] + "," + src2[2]);
        List<SkyComponent> sky = List.of(component("a", src1), component("b", src2));
        try (MeasurementSet m = MeasurementSet.open(ms)) {
            Field f = m.fields().get(0);
            double[] freq = m.spectralWindows().get(0).chanFreq_hz();
            Table t = m.main();
            int rows = Math.toIntExact(t.rowCount());
            int numPol = t.column("MODEL_DATA").shape(0)[0];
            double[] uvw = (double[]) t.column("UVW").read(0, rows);
            float[] expected = (float[]) t.column("MODEL_DATA").read(0, rows);
            ModelPredictor predictor = new ModelPredictor(sky, freq, m.polarizations().get(0).corrTypes(), null, null);
            int perRow = 2 * numPol * freq.length;
            float[] got = new float[rows * perRow];
            for (int r = 0; r < rows; r++) {
                predictor.predict(uvw, 3 * r, f.phaseDir().lon_rad(), f.phaseDir().lat_rad(), got, r * perRow);
            }
            float worst = 0;
            for (int k = 0; k < got.length; k++) {
                worst = Math.max(worst, Math.abs(got[k] - expected[k]));
            }
            float ulp = Math.ulp((float) (src1[2] + src2[2]));
            System.out.printf("predict vs make_ms --model true: %d rows x %d floats, worst |diff| %.3e (ulp %.3e)%n",
                    rows, perRow, worst, ulp);
            assertTrue(worst <= 4 * ulp, "worst difference " + worst);
            // the packed form holds the same floats
            byte[] cell = predictor.predictPacked(uvw, 3 * 5, f.phaseDir().lon_rad(), f.phaseDir().lat_rad());
            float[] unpacked = org.vispark.udfs.vis.PackedCells.unpackFloats(cell);
            for (int k = 0; k < perRow; k++) {
                assertEquals(got[5 * perRow + k], unpacked[k]);
            }
        }
    }

    private static SkyComponent component(String name, double[] s) {
        return SkyComponent.point(name, Math.toRadians(s[0]), Math.toRadians(s[1]), s[2], 1.4e9, 0);
    }
}
