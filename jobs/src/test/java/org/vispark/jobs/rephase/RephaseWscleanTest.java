package org.vispark.jobs.rephase;

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

/**
 * Issue 6's imaging check: a source 1 degree from the phase centre (make_ms.py, no gains); after
 * {@code rephase --to} the source and {@code export-ms}, wsclean finds it within one pixel (20 arcsec) of the image
 * centre. Before rephasing it is 60 arcmin off, so the check could fail.
 */
class RephaseWscleanTest {
    @AfterAll
    static void stop() {
        TestData.spark("RephaseWscleanTest").stop();
    }

    @Test
    void aRephasedExportedMsImagesWithTheSourceAtTheCentre(@TempDir Path tmp) throws Exception {
        Path ms = TestData.makeMs(tmp.resolve("in/off.ms"), "--nant", "24", "--nchan", "16", "--ntime", "6",
                "--no-gains", "--centre", "128.7287,54.5725", "--source", "128.7287,55.5725,2.5");
        Path lake = tmp.resolve("lake");
        assertEquals(0, Cli.run("convert", "--lake", lake.toString(), ms.toString()).status());
        assertEquals(0, Cli.run("export-ms", "--lake", lake.toString(), "--where", "true", "--output",
                tmp.resolve("before").toString()).status());
        LocateSource.Peak before = LocateSource.of(tmp.resolve("before/off.ms"), "DATA");
        Result r = Cli.run("rephase", "--lake", lake.toString(), "--to", "J2000 128.7287deg 55.5725deg");
        assertEquals(0, r.status(), r.err());
        Result e = Cli.run("export-ms", "--lake", lake.toString(), "--where", "true", "--output",
                tmp.resolve("after").toString());
        assertEquals(0, e.status(), e.err());
        LocateSource.Peak after = LocateSource.of(tmp.resolve("after/off.ms"), "DATA");
        System.out.printf("source %.2f arcmin from the image centre before rephasing, %.3f arcmin (%.1f arcsec) after;"
                + " peak %.3f -> %.3f Jy%n", before.offsetFromCentre_arcmin(), after.offsetFromCentre_arcmin(),
                60 * after.offsetFromCentre_arcmin(), before.peak_jy(), after.peak_jy());
        assertTrue(Math.abs(before.offsetFromCentre_arcmin() - 60) < 1, "before: " + before);
        assertTrue(after.offsetFromCentre_arcmin() * 60 <= 20, "after: " + after);
    }
}
