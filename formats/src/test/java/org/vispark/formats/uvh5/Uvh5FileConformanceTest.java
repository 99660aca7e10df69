package org.vispark.formats.uvh5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vispark.formats.testing.Reference;

/**
 * Every UVH5 file under shared/data/uvh5 (one of the current layout, one of the older), and contiguous
 * copies of them, read by {@link Uvh5File} and by h5py (uvh5/h5py_dump.py): every Header value the reader carries, its
 * conversions (ITRF positions with astropy, MJD seconds with astropy, CORR_TYPE by name) and every
 * visdata, flags and nsamples value, read in blt ranges that cross the files' chunk boundaries.
 */
class Uvh5FileConformanceTest {

    /** Header datasets pyuvdata derives or keeps for its own bookkeeping, which the reader does not carry. */
    private static final Set<String> NOT_CARRIED = Set.of("Nphase", "blts_are_rectangular",
            "time_axis_faster_than_bls", "phase_center_app_ra", "phase_center_app_dec", "phase_center_frame_pa",
            "dut1", "telescope_frame", "x_orientation", "object_name");

    /** The shared files (chunked, partly LZF-compressed) and contiguous copies of them (uvh5/contiguous_copy.py). */
    static List<Path> files() throws Exception {
        List<Path> shared;
        try (Stream<Path> s = Files.list(Reference.shared().resolve("data/uvh5"))) {
            shared = s.filter(p -> p.toString().endsWith(".uvh5")).sorted().toList();
        }
        Path dir = Files.createTempDirectory("uvh5-contiguous");
        dir.toFile().deleteOnExit();
        List<Path> out = new java.util.ArrayList<>(shared);
        for (Path p : shared) {
            Path copy = dir.resolve("contiguous_" + p.getFileName());
            Reference.python(Reference.resource("uvh5/contiguous_copy.py").toString(), p.toString(), copy.toString());
            copy.toFile().deleteOnExit();
            out.add(copy);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("files")
    void headerEqualsH5py(Path file) throws Exception {
        JsonNode ref = Reference.pythonJson(Reference.resource("uvh5/h5py_dump.py"), file.toString());
        JsonNode h = ref.get("header");
        Set<String> checked = new HashSet<>();
        try (Uvh5File f = Uvh5File.open(file)) {
            Uvh5Header hd = f.header();
            checkInt(h, "Nants_data", hd.nantsData(), checked);
            checkInt(h, "Nants_telescope", hd.nantsTelescope(), checked);
            checkInt(h, "Nbls", hd.nbls(), checked);
            checkInt(h, "Nblts", hd.nblts(), checked);
            checkInt(h, "Nfreqs", hd.nfreqs(), checked);
            checkInt(h, "Npols", hd.npols(), checked);
            checkInt(h, "Nspws", hd.nspws(), checked);
            checkInt(h, "Ntimes", hd.ntimes(), checked);
            checkString(h, "version", hd.version(), checked);
            checkString(h, "telescope_name", hd.telescopeName(), checked);
            checkString(h, "instrument", hd.instrument(), checked);
            checkString(h, "history", hd.history(), checked);
            checkString(h, "vis_units", hd.visUnits(), checked);
            assertArrayEquals(ints(h.get("ant_1_array")), hd.ant1());
            assertArrayEquals(ints(h.get("ant_2_array")), hd.ant2());
            assertArrayEquals(ints(h.get("antenna_numbers")), hd.antennaNumbers());
            assertArrayEquals(strings(h.get("antenna_names")), hd.antennaNames());
            assertArrayEquals(doubles(h.get("antenna_positions")), flat(hd.antennaPositions_m()));
            assertArrayEquals(doubles(h.get("antenna_diameters")), hd.antennaDiameters_m());
            assertArrayEquals(doubles(h.get("freq_array")), hd.freq_hz());
            assertArrayEquals(doubles(h.get("integration_time")), hd.integrationTime_s());
            assertArrayEquals(ints(h.get("polarization_array")), hd.polarizationArray());
            assertArrayEquals(ints(h.get("spw_array")), hd.spwArray());
            assertArrayEquals(doubles(h.get("time_array")), hd.time_jd());
            assertArrayEquals(doubles(h.get("uvw_array")), hd.uvw_m());
            assertArrayEquals(doubles(h.get("lst_array")), hd.lst_rad());
            checked.addAll(List.of("ant_1_array", "ant_2_array", "antenna_numbers", "antenna_names",
                    "antenna_positions", "antenna_diameters", "freq_array", "integration_time", "polarization_array",
                    "spw_array", "time_array", "uvw_array", "lst_array"));

            double[] width = doubles(h.get("channel_width"));
            for (int c = 0; c < hd.nfreqs(); c++) {
                assertEquals(width.length == 1 ? width[0] : width[c], hd.channelWidth_hz()[c], "channel_width");
            }
            checked.add("channel_width");
            if (h.has("flex_spw_id_array")) {
                assertArrayEquals(ints(h.get("flex_spw_id_array")), hd.flexSpwIds());
                checked.add("flex_spw_id_array");
            } else {
                for (int id : hd.flexSpwIds()) {
                    assertEquals(hd.spwArray()[0], id, "one spw for every channel");
                }
            }

            assertEquals(Math.toRadians(h.get("latitude").asDouble()), hd.location().latitude_rad(), 0);
            assertEquals(Math.toRadians(h.get("longitude").asDouble()), hd.location().longitude_rad(), 0);
            assertEquals(h.get("altitude").asDouble(), hd.location().altitude_m(), 0);
            checked.addAll(List.of("latitude", "longitude", "altitude"));

            if (h.has("phase_center_catalog")) {
                JsonNode cat = h.get("phase_center_catalog");
                assertEquals(cat.size(), hd.phaseCenters().size());
                for (Iterator<String> it = cat.fieldNames(); it.hasNext(); ) {
                    String id = it.next();
                    JsonNode c = cat.get(id);
                    PhaseCenter pc = hd.phaseCenters().get(Integer.parseInt(id));
                    assertEquals(c.get("cat_name").asText(), pc.name());
                    assertEquals(c.get("cat_type").asText(), pc.type());
                    assertEquals(c.get("cat_lon").asDouble(), pc.lon_rad(), 0);
                    assertEquals(c.get("cat_lat").asDouble(), pc.lat_rad(), 0);
                    assertEquals(c.get("cat_frame").asText(), pc.frame());
                    assertEquals(c.get("cat_epoch").asDouble(), pc.epoch_yr(), 0);
                }
                assertArrayEquals(ints(h.get("phase_center_id_array")), hd.phaseCenterIds());
                assertNull(hd.phaseType());
                checked.addAll(List.of("phase_center_catalog", "phase_center_id_array"));
            } else {
                assertEquals(h.get("phase_type").asText(), hd.phaseType());
                PhaseCenter pc = hd.phaseCenter(0);
                assertEquals("drift".equals(hd.phaseType()) ? "unprojected" : "sidereal", pc.type());
                assertEquals(h.path("object_name").asText(null), pc.name());
                checked.add("phase_type");
            }

            if (h.has("extra_keywords")) {
                JsonNode extra = h.get("extra_keywords");
                assertEquals(extra.size(), hd.extraKeywords().size());
                for (Map.Entry<String, Object> e : hd.extraKeywords().entrySet()) {
                    JsonNode v = extra.get(e.getKey());
                    Object got = e.getValue();
                    if (v.isTextual()) {
                        assertEquals(v.asText(), got, e.getKey());
                    } else if (v.isIntegralNumber()) {
                        assertEquals(v.asLong(), ((Number) got).longValue(), e.getKey());
                    } else {
                        assertEquals(v.asDouble(), ((Number) got).doubleValue(), 0, e.getKey());
                    }
                }
                checked.add("extra_keywords");
            }

            Set<String> unchecked = new HashSet<>();
            h.fieldNames().forEachRemaining(unchecked::add);
            unchecked.removeAll(checked);
            unchecked.removeAll(NOT_CARRIED);
            assertTrue(unchecked.isEmpty(), "Header datasets neither compared nor listed as not carried: " + unchecked);
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void conversionsEqualAstropyAndCasacoreNames(Path file) throws Exception {
        JsonNode d = Reference.pythonJson(Reference.resource("uvh5/h5py_dump.py"), file.toString()).get("derived");
        try (Uvh5File f = Uvh5File.open(file)) {
            Uvh5Header hd = f.header();
            assertArrayEquals(doubles(d.get("telescope_itrf_m")), hd.location().itrf_m(), 1e-6);
            assertArrayEquals(doubles(d.get("antenna_itrf_m")), flat(hd.antennaPositionsItrf_m()), 1e-6);
            assertArrayEquals(doubles(d.get("time_mjd_sec")), hd.timesMjdSec(), 1e-6);
            assertArrayEquals(ints(d.get("corr_types")), hd.corrTypes());
            TelescopeLocation back = TelescopeLocation.fromItrf(hd.location().itrf_m());
            assertEquals(hd.location().latitude_rad(), back.latitude_rad(), 1e-12);
            assertEquals(hd.location().longitude_rad(), back.longitude_rad(), 1e-15);
            assertEquals(hd.location().altitude_m(), back.altitude_m(), 1e-6);
        }
    }

    /**
     * The baseline convention, checked rather than assumed: for unprojected (drift) data the file's UVW
     * are pos(ant2) − pos(ant1) rotated to east, north, up at the telescope, the MS's sign (UVW = ant2 − ant1).
     */
    @ParameterizedTest
    @MethodSource("files")
    void driftUvwAreAnt2MinusAnt1InEastNorthUp(Path file) throws Exception {
        try (Uvh5File f = Uvh5File.open(file)) {
            Uvh5Header h = f.header();
            if (!"unprojected".equals(h.phaseCenter(0).type())) {
                return;
            }
            double lat = h.location().latitude_rad();
            double lon = h.location().longitude_rad();
            double[][] enu = {
                {-Math.sin(lon), Math.cos(lon), 0},
                {-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat)},
                {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)}};
            java.util.List<Integer> numbers = java.util.Arrays.stream(h.antennaNumbers()).boxed().toList();
            for (int b = 0; b < h.nblts(); b++) {
                double[] p1 = h.antennaPositions_m()[numbers.indexOf(h.ant1()[b])];
                double[] p2 = h.antennaPositions_m()[numbers.indexOf(h.ant2()[b])];
                for (int k = 0; k < 3; k++) {
                    double v = 0;
                    for (int j = 0; j < 3; j++) {
                        v += enu[k][j] * (p2[j] - p1[j]);
                    }
                    assertEquals(v, h.uvw_m()[3 * b + k], 1e-6, "blt " + b + " uvw[" + k + "]");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void dataEqualsH5pyInBltRanges(Path file) throws Exception {
        JsonNode d = Reference.pythonJson(Reference.resource("uvh5/h5py_dump.py"), file.toString()).get("data");
        double[] re = doubles(d.get("re"));
        double[] im = doubles(d.get("im"));
        double[] ns = doubles(d.get("nsamples"));
        JsonNode flags = d.get("flags");
        try (Uvh5File f = Uvh5File.open(file)) {
            Uvh5Data data = f.data();
            int perBlt = f.header().nfreqs() * f.header().npols();
            int step = 37;
            int seen = 0;
            for (int first = 0; first < data.nblts(); first += step) {
                Uvh5Rows rows = data.read(first, Math.min(step, data.nblts() - first));
                for (int k = 0; k < rows.nblts() * perBlt; k++) {
                    int at = first * perBlt + k;
                    assertEquals((float) re[at], rows.vis()[2 * k], "re " + at);
                    assertEquals((float) im[at], rows.vis()[2 * k + 1], "im " + at);
                    assertEquals((float) ns[at], rows.nsamples()[k], "nsamples " + at);
                    assertEquals(flags.get(at).asBoolean(), rows.flags()[k], "flags " + at);
                    seen++;
                }
            }
            assertEquals(re.length, seen);
        }
    }

    private static void checkInt(JsonNode h, String name, int got, Set<String> checked) {
        assertEquals(h.get(name).asLong(), got, name);
        checked.add(name);
    }

    private static void checkString(JsonNode h, String name, String got, Set<String> checked) {
        if (h.has(name)) {
            assertEquals(h.get(name).asText(), got, name);
            checked.add(name);
        } else {
            assertNull(got, name);
        }
    }

    private static double[] flat(double[][] a) {
        return Stream.of(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double[] doubles(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (!n.isArray()) {
            return new double[] {n.asDouble()};
        }
        java.util.List<Double> out = new java.util.ArrayList<>();
        collect(n, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode n, java.util.List<Double> out) {
        if (n.isArray()) {
            n.forEach(x -> collect(x, out));
        } else {
            out.add(n.asDouble());
        }
    }

    private static int[] ints(JsonNode n) {
        return java.util.Arrays.stream(doubles(n)).mapToInt(x -> (int) x).toArray();
    }

    private static String[] strings(JsonNode n) {
        String[] out = new String[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asText();
        }
        return out;
    }
}
