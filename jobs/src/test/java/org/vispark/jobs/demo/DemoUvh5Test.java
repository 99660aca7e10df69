package org.vispark.jobs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.Cli.Result;
import org.vispark.jobs.testing.TestData;

/**
 * {@code vispark demo --uvh5} at a small size: the DSA-110 subband groups it writes are what the correlator writes
 * as h5py reads them (file names, the UVH5 memo's datasets, types and shapes, the drift keywords, the subbands'
 * descending channels tiling 1311-1499 MHz), and the pipeline run from them converts each group as one catalogue
 * entry and calibrates the transit of 0834+555 that convert phased to the meridian 54.7 arcmin away.
 */
class DemoUvh5Test {
    private static final Pattern NAME = Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)_sb(\\d\\d)\\.hdf5");
    private static final int ANTENNAS = 10;
    private static final int CHANNELS = 4;
    private static final int INTEGRATIONS = 8;

    @Test
    void demoUvh5WritesSubbandGroupsAndCalibratesFromThem(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("demo");
        Result demo = Cli.run("demo", "--uvh5", dir.toString(), "--antennas", String.valueOf(ANTENNAS),
                "--channels", String.valueOf(CHANNELS), "--integrations", String.valueOf(INTEGRATIONS));
        System.out.println(demo.out());
        assertEquals(0, demo.status(), demo.out() + demo.err());

        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("uvh5"))) {
            files = s.sorted().toList();
        }
        assertEquals(32, files.size(), files.toString());
        // by subband: the group's files, whose timestamps lie within the 60 s grouping tolerance
        Map<Integer, List<String>> bySubband = new TreeMap<>();
        for (Path f : files) {
            Matcher m = NAME.matcher(f.getFileName().toString());
            assertTrue(m.matches(), f.toString());
            bySubband.computeIfAbsent(Integer.parseInt(m.group(2)), k -> new ArrayList<>()).add(m.group(1));
        }
        assertEquals(16, bySubband.size(), bySubband.toString());
        bySubband.values().forEach(stamps -> assertEquals(2, stamps.size(), bySubband.toString()));

        List<String> args = new ArrayList<>(List.of(TestData.resource("uvh5/describe_group.py").toString()));
        files.forEach(f -> args.add(f.toString()));
        JsonNode h5 = new ObjectMapper().readTree(TestData.python(args.toArray(String[]::new)));
        int nbls = ANTENNAS * (ANTENNAS - 1) / 2;
        int nblts = nbls * INTEGRATIONS;
        double width_hz = 48 * 244140.625 / CHANNELS;
        List<Double> bottoms = new ArrayList<>();
        for (Path f : files) {
            JsonNode d = h5.get(f.getFileName().toString());
            String where = f.getFileName() + ": " + d;
            assertEquals("[]", d.get("missing").toString(), where);
            assertEquals("{\"visdata\":[\"complex64\",[" + nblts + ",1," + CHANNELS + ",2]],\"flags\":[\"bool\",["
                    + nblts + ",1," + CHANNELS + ",2]],\"nsamples\":[\"float32\",[" + nblts + ",1," + CHANNELS
                    + ",2]]}", d.get("data").toString(), where);
            assertEquals("[" + nblts + "," + nbls + "," + INTEGRATIONS + "," + CHANNELS + ",2]",
                    d.get("counts").toString(), where);
            assertTrue(d.get("blt_arrays_ok").asBoolean(), where);
            assertEquals("[-5,-6]", d.get("pols").toString(), where);
            assertEquals("drift", d.get("phase_type").asText(), where);
            assertEquals(0.0, d.at("/extra/ha_phase_center").asDouble(), where);
            assertEquals("HADEC", d.at("/extra/phase_center_epoch").asText(), where);
            // the pointing: 54.7 arcmin south of 0834+555 (Dec 55.57 deg J2000; of date about 55.5 in 2026)
            double dec = d.at("/extra/phase_center_dec_deg").asDouble();
            assertTrue(dec > 54.5 && dec < 54.8, where);
            assertEquals(-width_hz, d.get("channel_width_hz").asDouble(), 1e-6, where);
            int sb = Integer.parseInt(NAME.matcher(f.getFileName().toString()).results().findFirst().orElseThrow()
                    .group(2));
            double top = d.at("/freq_first_last_hz/0").asDouble();
            assertEquals(1498.75e6 - sb * 48 * 244140.625, top, 1e-3, where);
            assertEquals(top - (CHANNELS - 1) * width_hz, d.at("/freq_first_last_hz/1").asDouble(), 1e-3, where);
            bottoms.add(d.at("/freq_first_last_hz/1").asDouble());
            assertTrue(d.get("vis_nonzero").asBoolean(), where);
            assertEquals(0, d.get("flagged").asInt(), where);
            double jdSpan_s = (d.at("/jd_range/1").asDouble() - d.at("/jd_range/0").asDouble()) * 86400;
            assertEquals((INTEGRATIONS - 1) * 12.88, jdSpan_s, 0.01, where);
        }
        assertEquals(1498.75e6 - (16 * CHANNELS - 1) * width_hz, bottoms.stream().mapToDouble(x -> x).min()
                .orElseThrow(), 1e-3, "the 16 subbands tile 1311.25-1498.75 MHz");

        String out = demo.out();
        assertTrue(out.contains("pipeline: 2 MS: 1 calibrator observations, 1 targets; 2 calibrated, 0 failed;"
                + " calibrators after calibration: {PASS=1}"), out);
        assertTrue(Pattern.compile("before calibration FAIL \\S*_sbgroup: separation 54\\.\\d\\d arcmin").matcher(out)
                .find(), out);

        Result ms = Cli.run("sql", "--lake", dir.resolve("lake").toString(), "--format", "csv",
                "SELECT format, status, size(source_files) AS n, concat_ws(' ', source_files) AS files FROM ms"
                        + " ORDER BY uri");
        assertEquals(0, ms.status(), ms.err());
        List<String> rows = ms.out().lines().skip(1).toList();
        assertEquals(2, rows.size(), ms.out());
        for (String row : rows) {
            assertTrue(row.startsWith("uvh5-subband-group,converted,16,"), row);
            String[] listed = row.substring(row.lastIndexOf(',') + 1).split(" ");
            for (int sb = 0; sb < 16; sb++) {
                String name = listed[sb].substring(listed[sb].lastIndexOf('/') + 1);
                assertTrue(name.endsWith(String.format("_sb%02d.hdf5", sb)), row);
                assertTrue(Files.exists(dir.resolve("uvh5").resolve(name)), row);
            }
        }
    }
}
