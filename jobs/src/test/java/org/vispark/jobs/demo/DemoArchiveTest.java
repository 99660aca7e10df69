package org.vispark.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.testing.LocateSource;
import org.vispark.jobs.testing.TestData;
import org.vispark.udfs.astro.Spherical;

/**
 * The demo archive is a faithful simulation: with perfect gains, wsclean (an independent imager reading the MS
 * through casacore) finds 0834+555 where it is on the sky, both in the MS phased to the calibrator and in the one
 * phased 54.7 arcmin away; and python-casacore reads the expected shapes.
 */
class DemoArchiveTest {
    @Test
    void wscleanFindsTheCalibratorWhereItIsInTheDemoMs(@TempDir Path tmp) throws Exception {
        List<Path> ms = DemoArchive.write(tmp.resolve("ms"), new DemoArchive.Size(2, 1, 16, 16, 6), DemoGains.Spec.none(), 7,
                new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(4, ms.size());
        assertTrue(ms.get(0).endsWith("2026-01-15_0834+555.ms"), ms.toString());
        assertTrue(ms.get(2).endsWith("2026-01-16_0834+555.ms"), ms.toString());
        String shape = TestData.python("-c", "import sys; from casacore.tables import table\n"
                + "t = table(sys.argv[1], ack=False)\n"
                + "print(t.nrows(), t.getcell('DATA', 0).shape, table(sys.argv[1] + '/ANTENNA', ack=False).nrows())",
                ms.get(0).toString()).trim();
        assertEquals("720 (16, 2) 16", shape);
        for (Path m : List.of(ms.get(0), ms.get(2))) {
            LocateSource.Peak f = LocateSource.of(m, "DATA");
            double ra = Math.toRadians(f.ra_deg());
            double dec = Math.toRadians(f.dec_deg());
            double offCalibrator_arcmin = Math.toDegrees(Spherical.separation_rad(ra, dec,
                    DemoArchive.CALIBRATOR.ra_rad(), DemoArchive.CALIBRATOR.dec_rad())) * 60;
            System.out.printf(Locale.ROOT, "%s: wsclean peak %.3f Jy, %.2f arcmin from the phase centre, %.2f arcmin"
                    + " from 0834+555%n", m.getFileName(), f.peak_jy(), f.offsetFromCentre_arcmin(), offCalibrator_arcmin);
            assertTrue(offCalibrator_arcmin < 1.0, m + ": peak " + offCalibrator_arcmin + " arcmin from 0834+555");
        }
    }
}
