package org.vispark.formats.ms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.formats.casacore.TableFormatException;
import org.vispark.formats.testing.Reference;

/** The typed MS view against python-casacore, for every MS under shared/data/ms and a make_ms.py MS. */
class MeasurementSetTest {
    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> typedViewMatchesCasacore() throws Exception {
        List<Path> all = new java.util.ArrayList<>(Reference.sharedMeasurementSets());
        all.add(Reference.makeMs(tmp.resolve("dsa.ms"), "--nant", "6", "--nchan", "8", "--ntime", "3"));
        return all.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path path) throws Exception {
        JsonNode ref = Reference.pythonJson(Reference.resource("ms/ms_reference.py"), path.toString());
        try (MeasurementSet ms = MeasurementSet.open(path)) {
            assertEquals(ref.get("rows").asLong(), ms.main().rowCount(), "rows");
            if (ref.has("time_range")) {
                double[] tr = ms.timeRangeMjdSec();
                assertEquals(ref.get("time_range").get(0).asDouble(), tr[0], 0.0, "start");
                assertEquals(ref.get("time_range").get(1).asDouble(), tr[1], 0.0, "end");
            }
            List<Antenna> ants = ms.antennas();
            assertEquals(ref.get("antennas").size(), ants.size(), "antennas");
            for (int i = 0; i < ants.size(); i++) {
                JsonNode a = ref.get("antennas").get(i);
                assertEquals(a.get("name").asText(), ants.get(i).name());
                assertEquals(a.get("station").asText(), ants.get(i).station());
                assertArrayEquals(doubles(a.get("position")), ants.get(i).positionItrf_m(), 0.0);
                assertEquals(a.get("dish").asDouble(), ants.get(i).dishDiameter_m(), 0.0);
            }
            List<Field> fields = ms.fields();
            assertEquals(ref.get("fields").size(), fields.size(), "fields");
            for (int i = 0; i < fields.size(); i++) {
                JsonNode f = ref.get("fields").get(i);
                assertEquals(f.get("name").asText(), fields.get(i).name());
                assertEquals(f.get("frame").asText(), fields.get(i).phaseDir().frame());
                assertEquals(f.get("phase_dir").get(0).asDouble(), fields.get(i).phaseDir().lon_rad(), 0.0);
                assertEquals(f.get("phase_dir").get(1).asDouble(), fields.get(i).phaseDir().lat_rad(), 0.0);
            }
            List<SpectralWindow> spws = ms.spectralWindows();
            assertEquals(ref.get("spws").size(), spws.size(), "spectral windows");
            for (int i = 0; i < spws.size(); i++) {
                assertArrayEquals(doubles(ref.get("spws").get(i).get("chan_freq")), spws.get(i).chanFreq_hz(), 0.0);
            }
            List<Polarization> pols = ms.polarizations();
            assertEquals(ref.get("pols").size(), pols.size(), "polarizations");
            for (int i = 0; i < pols.size(); i++) {
                assertArrayEquals(ints(ref.get("pols").get(i)), pols.get(i).corrTypes());
            }
            List<DataDescription> dds = ms.dataDescriptions();
            assertEquals(ref.get("data_descriptions").size(), dds.size());
            for (int i = 0; i < dds.size(); i++) {
                assertEquals(ref.get("data_descriptions").get(i).get(0).asInt(), dds.get(i).spectralWindowId());
                assertEquals(ref.get("data_descriptions").get(i).get(1).asInt(), dds.get(i).polarizationId());
            }
            List<Observation> obs = ms.observations();
            for (int i = 0; i < obs.size(); i++) {
                assertEquals(ref.get("telescopes").get(i).asText(), obs.get(i).telescope());
            }
        }
    }

    @Test
    void dsaLikeMsHasLinearFeedsAndJ2000Centre() throws Exception {
        Path p = Reference.makeMs(tmp.resolve("incident.ms"), "--nant", "5", "--nchan", "4", "--ntime", "2");
        try (MeasurementSet ms = MeasurementSet.open(p)) {
            assertArrayEquals(new String[] {"XX", "YY"}, ms.polarizations().get(0).corrNames());
            Direction centre = ms.fields().get(0).phaseDir();
            assertEquals("J2000", centre.frame());
            assertEquals(128.571864, centre.lonDeg(), 1e-9);
            assertEquals(54.665223, centre.latDeg(), 1e-9);
            assertEquals(4.65, ms.antennas().get(0).dishDiameter_m(), 0.0);
            assertEquals("TOPO", ms.spectralWindows().get(0).frequencyFrame());
        }
    }

    @Test
    void aTableThatIsNotAnMsIsRejectedByName() {
        Path cal = Reference.shared().resolve("data/caltables/sma.ms.bcal");
        IOException e = assertThrows(TableFormatException.class, () -> MeasurementSet.open(cal));
        assertTrue(e.getMessage().contains("sma.ms.bcal") && e.getMessage().contains("not a Measurement Set"),
                e.getMessage());
    }

    private static double[] doubles(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    private static int[] ints(JsonNode n) {
        int[] v = new int[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asInt();
        }
        return v;
    }
}
