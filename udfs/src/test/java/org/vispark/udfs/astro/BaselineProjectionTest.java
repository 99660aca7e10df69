package org.vispark.udfs.astro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.ms.Antenna;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.MeasurementSet;

/**
 * The independent check of {@link BaselineProjection}: python-casacore's measures (ITRF baselines converted to J2000
 * and projected on a J2000 direction) on the same positions, times and phase centres must agree within 5 mm on
 * DSA-110 baselines (up to 2.6 km). Both take UT1-UTC and polar motion as 0 (Debian's casacore has no IERS tables).
 */
class BaselineProjectionTest {
    private static final double TOLERANCE_M = 0.005;
    /** OVRO, the DSA-110's site: ITRF metres. */
    private static final double[] OVRO_ITRF_M = {-2409150.402, -4478573.118, 3838617.339};

    @Test
    void uvwEqualsCasacoreForAMeridianPhasedMs(@TempDir Path tmp) throws Exception {
        Path ms = PythonReference.makeMs(tmp.resolve("p.ms"), "--nant", "24", "--nchan", "4", "--ntime", "6",
                "--dm", "standard");
        try (MeasurementSet m = MeasurementSet.open(ms)) {
            List<Antenna> antennas = m.antennas();
            Field f = m.fields().get(0);
            Table t = m.main();
            int rows = Math.toIntExact(t.rowCount());
            double[] time = (double[]) t.column("TIME").read(0, rows);
            int[] a1 = (int[]) t.column("ANTENNA1").read(0, rows);
            int[] a2 = (int[]) t.column("ANTENNA2").read(0, rows);
            double[] expected = (double[]) t.column("UVW").read(0, rows);
            double[] got = new double[3];
            double worst_m = 0;
            BaselineProjection p = null;
            double projectionTime = Double.NaN;
            for (int r = 0; r < rows; r++) {
                if (time[r] != projectionTime) {
                    // make_ms.py puts casacore's frame at antenna 0
                    p = new BaselineProjection(ObservationTime.ofMjdSecUtc(time[r]), antennas.get(0).positionItrf_m(),
                            f.phaseDir().lon_rad(), f.phaseDir().lat_rad());
                    projectionTime = time[r];
                }
                double[] x1 = antennas.get(a1[r]).positionItrf_m();
                double[] x2 = antennas.get(a2[r]).positionItrf_m();
                p.uvw(x2[0] - x1[0], x2[1] - x1[1], x2[2] - x1[2], got, 0);
                for (int k = 0; k < 3; k++) {
                    worst_m = Math.max(worst_m, Math.abs(got[k] - expected[3 * r + k]));
                }
            }
            System.out.printf("UVW vs casacore (make_ms.py): %d rows, worst |diff| %.3e m%n", rows, worst_m);
            assertTrue(worst_m <= TOLERANCE_M, "worst UVW difference " + worst_m + " m");
        }
    }

    /**
     * Phase centres far from the zenith and across the year (where annual aberration, 1e-4 rad, and diurnal
     * aberration, 1.5e-6 rad, turn the baseline most), on the longest DSA-110 baselines.
     */
    @Test
    void uvwEqualsCasacoreAcrossTheSkyAndTheYear(@TempDir Path tmp) throws Exception {
        double[][] baselines = {{2600, 0, 0}, {0, 2600, 0}, {0, 0, 2600}, {-1500, 1200, 1700}, {900, -2100, -600}};
        double[][] cases = {   // MJD seconds UTC, J2000 RA deg, Dec deg
            {5268463200.0, 128.7287, 55.5725},
            {5268463200.0, 10.0, -30.0},
            {5250000000.0, 300.0, 85.0},
            {5100000000.0, 200.0, 0.0},
            {5300000000.0, 45.0, -60.0},
            {5400000000.0, 250.0, 20.0},
        };
        StringJoiner bl = new StringJoiner(";");
        for (double[] b : baselines) {
            bl.add(b[0] + "," + b[1] + "," + b[2]);
        }
        StringJoiner cs = new StringJoiner(";");
        for (double[] c : cases) {
            cs.add(c[0] + "," + Math.toRadians(c[1]) + "," + Math.toRadians(c[2]));
        }
        Path script = PythonReference.resource("/astro/casacore_uvw.py", tmp);
        String[] lines = PythonReference.run(script.toString(),
                OVRO_ITRF_M[0] + "," + OVRO_ITRF_M[1] + "," + OVRO_ITRF_M[2], bl.toString(), cs.toString())
                .strip().split("\n");
        assertEquals(baselines.length * cases.length, lines.length);
        double worst_m = 0;
        double[] got = new double[3];
        List<String> report = new ArrayList<>();
        for (int c = 0; c < cases.length; c++) {
            BaselineProjection p = new BaselineProjection(ObservationTime.ofMjdSecUtc(cases[c][0]), OVRO_ITRF_M,
                    Math.toRadians(cases[c][1]), Math.toRadians(cases[c][2]));
            for (int b = 0; b < baselines.length; b++) {
                p.uvw(baselines[b][0], baselines[b][1], baselines[b][2], got, 0);
                String[] f = lines[c * baselines.length + b].trim().split("\\s+");
                for (int k = 0; k < 3; k++) {
                    double d = Math.abs(got[k] - Double.parseDouble(f[k]));
                    worst_m = Math.max(worst_m, d);
                    assertTrue(d <= TOLERANCE_M, "case " + c + " baseline " + b + " axis " + k + ": " + d + " m");
                }
            }
            report.add(String.format("%.2e", worst_m));
        }
        System.out.printf("UVW vs casacore across the sky: worst |diff| %.3e m (running worst per case %s)%n",
                worst_m, report);
    }
}
