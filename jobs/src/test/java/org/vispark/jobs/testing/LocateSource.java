package org.vispark.jobs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

/** ../shared/tools/locate_source.sh: images an MS column with wsclean and finds its brightest pixel. */
public final class LocateSource {
    private LocateSource() {}

    /** Where the brightest pixel is: peak (Jy/beam), J2000 position (deg), offset from the image centre (arcmin). */
    public record Peak(double peak_jy, double ra_deg, double dec_deg, double offsetFromCentre_arcmin) {}

    /** Images {@code column} of {@code ms} (512 x 512 pixels of 20 arcsec). */
    public static Peak of(Path ms, String column) throws Exception {
        Process p = new ProcessBuilder("bash", TestData.shared().resolve("tools/locate_source.sh").toString(),
                ms.toString(), column).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), "locate_source.sh " + ms + " " + column);
        String[] f = out.split("\\s+");
        return new Peak(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]));
    }
}
