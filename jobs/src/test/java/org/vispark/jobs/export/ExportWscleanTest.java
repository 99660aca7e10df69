package org.vispark.jobs.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.LocateSource;
import org.vispark.jobs.testing.TestData;
import org.vispark.udfs.astro.Spherical;

/**
 * An MS from make_ms.py --no-gains, converted and exported, images in wsclean (an independent imager reading the MS
 * through casacore) with the source where make_ms.py put it.
 */
class ExportWscleanTest {
    private static final double SOURCE_RA_DEG = 128.7287;
    private static final double SOURCE_DEC_DEG = 55.5725;

    @AfterAll
    static void stop() {
        TestData.spark("ExportWscleanTest").stop();
    }

    @Test
    void wscleanFindsTheSourceOfAnExportedMsAtItsTruePosition(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/nogains.ms"), "--nant", "24", "--nchan", "16", "--ntime", "6",
                "--no-gains", "--source", SOURCE_RA_DEG + "," + SOURCE_DEC_DEG + ",2.5");
        Path lake = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lake.toString(), ms.toString()).status());
        Result e = Cli.run("export-ms", "--lake", lake.toString(), "--where", "true", "--output",
                tmp.resolve("out").toString());
        assertEquals(0, e.status(), e.err());
        LocateSource.Peak p = LocateSource.of(tmp.resolve("out/nogains.ms"), "DATA");
        double off_arcmin = 60 * Math.toDegrees(Spherical.separation_rad(Math.toRadians(p.ra_deg()),
                Math.toRadians(p.dec_deg()), Math.toRadians(SOURCE_RA_DEG), Math.toRadians(SOURCE_DEC_DEG)));
        System.out.printf("exported MS: wsclean peak %.3f Jy at %.5f %.5f, %.3f arcmin from the true source%n",
                p.peak_jy(), p.ra_deg(), p.dec_deg(), off_arcmin);
        assertTrue(off_arcmin < 1.0, "wsclean peak " + off_arcmin + " arcmin from the source");
    }
}
