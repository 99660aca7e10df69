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
        List<Path> ms = DemoArchive.write(tmp, new DemoArchive.Size(16, 16, 6), DemoGains.Spec.none(), 7,
                new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(4, ms.size());
        String shape = TestData.python("-c", "import sys; from casacore.tables import table\n"
                + "t = table(sys.argv[1], ack=False)\n"
                + "print(t.nrows(), t.getcell('DATA', 0).shape, table(sys.argv[1] + '/ANTENNA', ack=False).nrows())",
                ms.get(0).toString()).trim();
        assertEquals("720 (16, 2) 16", shape);
        for (Path m : ms.subList(0, 2)) {
            String[] f = locateSource(m);
            double ra = Math.toRadians(Double.parseDouble(f[1]));
            double dec = Math.toRadians(Double.parseDouble(f[2]));
            double offCalibrator_arcmin = Math.toDegrees(Spherical.separation_rad(ra, dec,
                    DemoArchive.CALIBRATOR.ra_rad(), DemoArchive.CALIBRATOR.dec_rad())) * 60;
            System.out.printf(Locale.ROOT, "%s: wsclean peak %.3f Jy, %.2f arcmin from the phase centre, %.2f arcmin"
                    + " from 0834+555%n", m.getFileName(), Double.parseDouble(f[0]), Double.parseDouble(f[3]),
                    offCalibrator_arcmin);
            assertTrue(offCalibrator_arcmin < 1.0, m + ": peak " + offCalibrator_arcmin + " arcmin from 0834+555");
        }
    }

    /** Runs ../shared/tools/locate_source.sh: peak_jy ra_deg dec_deg offset_arcmin. */
    private static String[] locateSource(Path ms) throws Exception {
        Process p = new ProcessBuilder("bash", TestData.shared().resolve("tools/locate_source.sh").toString(),
                ms.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), "locate_source.sh " + ms);
        return out.split("\\s+");
    }
}
