package org.vispark.formats.uvh5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.testing.Reference;

/**
 * The drift pointing of unprojected UVH5 data: the DSA-110's keywords (written by make_subband_group.py), the zenith
 * for a file without them (HERA's), and the direction's ITRF vector (hour angle west positive).
 */
class DriftPointingTest {
    @Test
    void keywordsGiveThePointing(@TempDir Path tmp) throws Exception {
        JsonNode ref = Reference.pythonJson(Reference.resource("uvh5/make_subband_group.py"), tmp.toString());
        try (Uvh5File f = Uvh5File.open(Path.of(ref.get("files").get(0).asText()))) {
            DriftPointing p = DriftPointing.of(f.header());
            assertTrue(p.stated());
            assertEquals(Math.toRadians(55.57), p.dec_rad(), 1e-15);
            assertEquals(0, p.ha_rad());
        }
    }

    @Test
    void withoutKeywordsTheZenith() throws Exception {
        Path hera = Reference.shared().resolve("data/uvh5/zen.2458661.23480.HH.uvh5");
        assertTrue(Files.isRegularFile(hera));
        try (Uvh5File f = Uvh5File.open(hera)) {
            DriftPointing p = DriftPointing.of(f.header());
            TelescopeLocation at = f.header().location();
            assertFalse(p.stated());
            assertEquals(at.latitude_rad(), p.dec_rad());
            // the zenith's vector is the ellipsoid's normal: along the location's geodetic up
            double[] v = p.itrfUnitVector(at.longitude_rad());
            double lat = at.latitude_rad();
            double lon = at.longitude_rad();
            assertEquals(Math.cos(lat) * Math.cos(lon), v[0], 1e-15);
            assertEquals(Math.cos(lat) * Math.sin(lon), v[1], 1e-15);
            assertEquals(Math.sin(lat), v[2], 1e-15);
        }
    }

    @Test
    void westernHourAnglesLieWestOfTheMeridian() {
        double lon = Math.toRadians(-118.28);
        double[] v = new DriftPointing(Math.toRadians(10), Math.toRadians(40), true).itrfUnitVector(lon);
        assertEquals(Math.toDegrees(lon) - 10, Math.toDegrees(Math.atan2(v[1], v[0])), 1e-12);
        assertEquals(40, Math.toDegrees(Math.asin(v[2])), 1e-12);
    }
}
