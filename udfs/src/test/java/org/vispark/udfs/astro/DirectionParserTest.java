package org.vispark.udfs.astro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DirectionParserTest {
    private static final double MAS = Math.toRadians(1e-3 / 3600);

    private static double hours(double h, double m, double s) {
        return Math.toRadians(15 * (h + m / 60 + s / 3600));
    }

    private static double degrees(double d, double m, double s) {
        return Math.toRadians(d + m / 60 + s / 3600);
    }

    @Test
    void readsTheCasaForms() {
        double ra = hours(8, 34, 54.9);
        double dec = degrees(55, 34, 21.0);
        for (String text : new String[] {"J2000 08h34m54.90s +55d34m21.00s", "J2000 08:34:54.9 +55.34.21.0",
                "  j2000\t8h34m54.9 55d34m21s ", "ICRS 08:34:54.90 55.34.21"}) {
            RaDec d = DirectionParser.parse(text);
            assertEquals(ra, d.ra_rad(), MAS, text);
            assertEquals(dec, d.dec_rad(), MAS, text);
        }
        RaDec deg = DirectionParser.parse("J2000 128.7287deg 55.5725deg");
        assertEquals(Math.toRadians(128.7287), deg.ra_rad(), 1e-15);
        assertEquals(Math.toRadians(55.5725), deg.dec_rad(), 1e-15);
        assertEquals("J2000", deg.frame());
        assertEquals("ICRS", DirectionParser.parse("icrs 1.5rad -0.5rad").frame());
        assertEquals(-0.5, DirectionParser.parse("icrs 1.5rad -0.5rad").dec_rad(), 0);
        assertEquals(-degrees(0, 30, 0), DirectionParser.parse("J2000 00h00m00s -00d30m00s").dec_rad(), 1e-15);
        assertEquals(-degrees(0, 30, 0), DirectionParser.parse("J2000 00:00:00 -00.30.00").dec_rad(), 1e-15);
        assertEquals(Math.toRadians(350), DirectionParser.parse("J2000 -10deg 0deg").ra_rad(), 1e-14);
        assertEquals(Math.toRadians(128.7287), DirectionParser.parse("J2000 128d43m43.32s 1e1deg").ra_rad(),
                MAS);
    }

    private static void rejects(String text, String expectedInMessage) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DirectionParser.parse(text));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void namesTheOffendingText() {
        rejects("APP 08h34m54.90s +55d34m21.00s", "frame 'APP' is not supported");
        rejects("AZEL 10deg 20deg", "frame 'AZEL' is not supported");
        rejects("HADEC 0deg 20deg", "not supported");
        rejects("FOO 0deg 20deg", "frame 'FOO' is unknown");
        rejects("J2000 08h34m54.90s", "expected 'FRAME RA DEC'");
        rejects("08h34m54.90s +55d34m21.00s", "expected 'FRAME RA DEC'");
        rejects("J2000 128.7 55.5deg", "right ascension '128.7'");
        rejects("J2000 08h34m54.90s +55:34:21.0", "declination '+55:34:21.0' is in hours");
        rejects("J2000 08h64m54.90s +55d34m21.00s", "'08h64m54.90s' has minutes or seconds of 60");
        rejects("J2000 08h34m54.90s +95d00m00s", "declination '+95d00m00s' is outside");
        rejects("J2000 8x34 +55deg", "right ascension '8x34'");
        assertThrows(IllegalArgumentException.class, () -> DirectionParser.parse(null));
    }
}
