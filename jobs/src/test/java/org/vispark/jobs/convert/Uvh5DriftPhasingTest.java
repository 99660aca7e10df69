package org.vispark.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.testing.Cli;
import org.vispark.jobs.testing.LocateSource;
import org.vispark.jobs.testing.TestData;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.vis.PackedCells;

/**
 * {@code convert --phase-centre} of a drift-scan DSA-110 subband group simulated by uvh5/make_drift_group.py (h5py and
 * python-casacore's measures, independent of vispark: 16 shuffled files, jittered file timestamps, descending
 * channels, 16 antennas on a 2.6 km by 1.6 km T, drift phased at the meridian (HADEC, ha = 0) at the pointing
 * declination, a 2.5 Jy point source at 0834+555, 0.87 deg off the meridian centre, within half the primary beam).
 * For {@code meridian} (the default) and {@code calibrator}: the centre and its reason are printed and recorded in
 * {@code fields}, the meridian centre is casacore's (APP RA = LAST, Dec = pointing, to J2000) within 1 arcsec; UVW
 * equal casacore's for the lake's centre within 5 mm; exported with {@code export-ms}, wsclean finds the source
 * within one pixel (20 arcsec) of its true place. {@code calibrator} against {@code meridian} then {@code rephase}:
 * see {@link #calibratorEqualsMeridianThenRephase()}. In the same {@code meridian} run: a single drift file without
 * {@code phase_center_dec} (HERA's) is phased to the meridian at the zenith, its UVW equal casacore's; the script's
 * single file of the group's content in the current layout (phase_center_catalog 'unprojected') gives the group's
 * rows; sidereal data keep their centre.
 */
class Uvh5DriftPhasingTest {
    private static final double TOLERANCE_M = 0.005;
    private static final double PIXEL_ARCSEC = 20;
    private static final double C = 299792458.0;

    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static JsonNode truth;
    private static Path groupFile;
    private static final Path HERA = TestData.shared().resolve("data/uvh5/zen.2458661.23480.HH.uvh5");
    private static Lakes meridian;
    private static Lakes calibrator;
    private static Lakes zenith;
    private static Lakes fixed;
    private static Lakes single;
    private static Map<String, double[]> rephasedUvw;
    private static Map<String, float[]> rephasedData;
    private static String meridianOut;
    private static Row sidereal;
    private static String calibratorOut;

    /** What a test reads back from a lake: the drift group's field, rows by (time, ant1, ant2), channel frequencies. */
    private record Lakes(Path lake, Row field, Map<String, double[]> uvw, Map<String, float[]> data,
            double[] freq_hz) {}

    @BeforeAll
    static void convert() throws Exception {
        Path group = Files.createDirectories(tmp.resolve("group"));
        Path singleFile = tmp.resolve("single/drift.uvh5");
        Files.createDirectories(singleFile.getParent());
        String json = TestData.python(TestData.resource("uvh5/make_drift_group.py").toString(), "write",
                group.toString(), "--single", singleFile.toString());
        truth = new ObjectMapper().readTree(json);
        groupFile = Path.of(truth.get("files").get(0).asText());
        String catalogue = Path.of("../conf/calibrators.csv").toAbsolutePath().normalize().toString();
        Path ata = TestData.shared().resolve("data/uvh5/ata.LoA.C0352.uvh5_60647_62965_9760406_3c286_0001.uvh5");

        Cli.Result m = Cli.run("convert", "--lake", tmp.resolve("meridian").toString(), group + "/*.hdf5",
                ata.toString(), HERA.toString(), singleFile.toString());
        assertEquals(0, m.status(), m.out() + m.err());
        meridianOut = m.out();
        meridian = read(tmp.resolve("meridian"), "%_sbgroup", true);
        zenith = read(tmp.resolve("meridian"), "%zen.2458661%", false);
        single = read(tmp.resolve("meridian"), "%/drift.uvh5", false);
        sidereal = spark.sql("SELECT f.* FROM fields f JOIN ms USING (ms_id, conversion) WHERE ms.uri LIKE"
                + " '%ata.LoA%'").collectAsList().get(0);
        Cli.Result c = Cli.run("convert", "--lake", tmp.resolve("calibrator").toString(), group + "/*.hdf5",
                "--phase-centre", "calibrator", "--catalogue", catalogue);
        assertEquals(0, c.status(), c.out() + c.err());
        calibratorOut = c.out();
        calibrator = read(tmp.resolve("calibrator"), "%_sbgroup", true);

        Cli.Result x = Cli.run("convert", "--lake", tmp.resolve("fixed").toString(), group + "/*.hdf5",
                "--phase-centre", "J2000 08h34m54.90s +55d34m21.00s");
        assertEquals(0, x.status(), x.out() + x.err());
        fixed = read(tmp.resolve("fixed"), "%_sbgroup", false);

        TestData.copyTree(tmp.resolve("meridian"), tmp.resolve("rephased"));
        assertEquals(0, Cli.run("lake", "relocate", tmp.resolve("rephased").toString()).status());
        Cli.Result r = Cli.run("rephase", "--lake", tmp.resolve("rephased").toString(), "--where",
                "uri LIKE '%_sbgroup'", "--to-calibrator", "0834+555", "--catalogue", catalogue);
        assertEquals(0, r.status(), r.out() + r.err());
        Lakes rephased = read(tmp.resolve("rephased"), "%_sbgroup", false);
        rephasedUvw = rephased.uvw();
        rephasedData = rephased.data();
    }

    /** The MS of {@code lake} whose URI is like {@code uriLike}, exported to export-LAKE if {@code export}. */
    private static Lakes read(Path lake, String uriLike, boolean export) throws Exception {
        spark = TestData.spark("Uvh5DriftPhasingTest"); // the commands stop the session they share
        LakeViews.register(spark, Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()));
        long msId = spark.sql("SELECT ms_id FROM ms WHERE uri LIKE '" + uriLike + "'").collectAsList().get(0)
                .getLong(0);
        Row field = spark.sql("SELECT * FROM fields WHERE ms_id = " + msId).collectAsList().get(0);
        Row spw = spark.sql("SELECT chan_freq_hz FROM spectral_windows WHERE ms_id = " + msId).collectAsList().get(0);
        double[] freq = spw.<Double>getList(0).stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, double[]> uvw = new HashMap<>();
        Map<String, float[]> data = new HashMap<>();
        for (Row r : spark.sql("SELECT time, antenna1, antenna2, uvw, data FROM visibilities WHERE ms_id = " + msId)
                .collectAsList()) {
            String key = key(r.getDouble(0), r.getInt(1), r.getInt(2));
            uvw.put(key, r.<Double>getList(3).stream().mapToDouble(Double::doubleValue).toArray());
            data.put(key, PackedCells.unpackFloats((byte[]) r.get(4)));
        }
        if (export) {
            Cli.Result e = Cli.run("export-ms", "--lake", lake.toString(), "--where", "uri LIKE '%_sbgroup'",
                    "--output", tmp.resolve("export-" + lake.getFileName()).toString());
            assertEquals(0, e.status(), e.out() + e.err());
            spark = TestData.spark("Uvh5DriftPhasingTest");
        }
        return new Lakes(lake, field, uvw, data, freq);
    }

    private static String key(double time, int a1, int a2) {
        return String.format("%.3f %d %d", time, a1, a2);
    }

    private static boolean isAuto(String key) {
        String[] k = key.split(" ");
        return k[1].equals(k[2]);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void meridianIsCasacoresMeridianCentrePrintedAndRecorded() {
        Row f = meridian.field();
        assertEquals("meridian", f.getString(f.fieldIndex("name")));
        assertEquals("J2000", f.getString(f.fieldIndex("phase_dir_frame")));
        double sep = Spherical.separation_rad(f.getDouble(f.fieldIndex("phase_dir_lon_rad")),
                f.getDouble(f.fieldIndex("phase_dir_lat_rad")),
                Math.toRadians(truth.get("meridian_j2000_deg").get(0).asDouble()),
                Math.toRadians(truth.get("meridian_j2000_deg").get(1).asDouble()));
        System.out.printf("meridian centre vs casacore's: %.3f arcsec%n", Math.toDegrees(sep) * 3600);
        assertTrue(Math.toDegrees(sep) * 3600 < 1, "meridian centre " + Math.toDegrees(sep) * 3600 + " arcsec off");
        String choice = f.getString(f.fieldIndex("phase_centre_choice"));
        assertTrue(choice.startsWith("the meridian at the midpoint") && choice.contains("phase_center_dec"), choice);
        assertTrue(meridianOut.contains("drift scan phased to " + choice), meridianOut);
    }

    @Test
    void calibratorIsChosenPrintedAndRecorded() {
        Row f = calibrator.field();
        assertEquals("0834+555", f.getString(f.fieldIndex("name")));
        assertEquals(128.72875, Math.toDegrees(f.getDouble(f.fieldIndex("phase_dir_lon_rad"))), 1e-9);
        assertEquals(55.5725, Math.toDegrees(f.getDouble(f.fieldIndex("phase_dir_lat_rad"))), 1e-9);
        String choice = f.getString(f.fieldIndex("phase_centre_choice"));
        assertTrue(choice.startsWith("the calibrator 0834+555") && choice.contains("within half the primary beam"), choice);
        assertTrue(calibratorOut.contains("drift scan phased to " + choice), calibratorOut);
    }

    @Test
    void aDriftFileWithoutPointingIsPhasedAtTheZenithWithCasacoresUvw() throws Exception {
        Row f = zenith.field();
        assertEquals("meridian", f.getString(f.fieldIndex("name")));
        String choice = f.getString(f.fieldIndex("phase_centre_choice"));
        assertTrue(choice.contains("apparent Dec -30.721526 deg (zenith: no phase_center_dec)"), choice);
        assertUvwEqualCasacore(zenith, HERA);
    }

    /** An explicit J2000 centre at the calibrator's position makes the calibrator's lake, bit for bit. */
    @Test
    void anExplicitCentreIsTakenAsGiven() {
        Row f = fixed.field();
        assertEquals("J2000 128.728750 +55.572500", f.getString(f.fieldIndex("name")));
        assertTrue(f.getString(f.fieldIndex("phase_centre_choice")).equals("J2000 128.728750 +55.572500 deg, as given"));
        assertEquals(calibrator.uvw().keySet(), fixed.uvw().keySet());
        for (String k : calibrator.uvw().keySet()) {
            assertTrue(Arrays.equals(calibrator.uvw().get(k), fixed.uvw().get(k)), k);
            assertTrue(Arrays.equals(calibrator.data().get(k), fixed.data().get(k)), k);
        }
    }

    /** The current layout's 'unprojected' catalogue entry is phased as the older layout's 'drift', bit for bit. */
    @Test
    void aSingleCurrentLayoutFileOfTheGroupsContentGivesTheGroupsRows() {
        Row f = single.field();
        Row g = meridian.field();
        for (String c : List.of("name", "phase_dir_lon_rad", "phase_dir_lat_rad", "phase_dir_frame",
                "phase_centre_choice")) {
            assertEquals(g.get(g.fieldIndex(c)), f.get(f.fieldIndex(c)), c);
        }
        assertTrue(Arrays.equals(meridian.freq_hz(), single.freq_hz()));
        assertEquals(meridian.uvw().keySet(), single.uvw().keySet());
        for (String k : meridian.uvw().keySet()) {
            assertTrue(Arrays.equals(meridian.uvw().get(k), single.uvw().get(k)), k);
            assertTrue(Arrays.equals(meridian.data().get(k), single.data().get(k)), k);
        }
    }

    @Test
    void siderealDataKeepTheirCentre() {
        Row f = sidereal;
        assertNull(f.get(f.fieldIndex("phase_centre_choice")));
        assertTrue(List.of("ICRS", "J2000").contains(f.getString(f.fieldIndex("phase_dir_frame"))));
        assertTrue(!meridianOut.contains("_3c286_0001.uvh5: drift scan"), meridianOut);
        assertTrue(meridianOut.contains("4 converted"), meridianOut);
    }

    @Test
    void uvwEqualCasacoresForTheMeridianCentre() throws Exception {
        assertUvwEqualCasacore(meridian, groupFile);
    }

    @Test
    void uvwEqualCasacoresForTheCalibrator() throws Exception {
        assertUvwEqualCasacore(calibrator, groupFile);
    }

    /** Every cross-correlation's UVW against casacore's for the lake's centre, of the blts of {@code file}. */
    private static void assertUvwEqualCasacore(Lakes l, Path file) throws Exception {
        Row f = l.field();
        String out = TestData.python(TestData.resource("uvh5/make_drift_group.py").toString(), "uvw",
                file.toString(), Double.toString(Math.toDegrees(f.getDouble(f.fieldIndex("phase_dir_lon_rad")))),
                Double.toString(Math.toDegrees(f.getDouble(f.fieldIndex("phase_dir_lat_rad")))));
        String[] lines = out.strip().split("\n");
        assertEquals(l.uvw().keySet().stream().filter(k -> !isAuto(k)).count(), lines.length);
        double worst = 0;
        for (String line : lines) {
            String[] v = line.trim().split("\\s+");
            double[] got = l.uvw().get(key(Double.parseDouble(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2])));
            for (int k = 0; k < 3; k++) {
                worst = Math.max(worst, Math.abs(got[k] - Double.parseDouble(v[3 + k])));
            }
        }
        System.out.printf("%s, %s: UVW vs casacore's, %d rows: worst |diff| %.3e m%n", l.lake().getFileName(),
                file.getFileName(), lines.length, worst);
        assertTrue(worst <= TOLERANCE_M, "worst UVW difference " + worst + " m");
    }

    @Test
    void wscleanFindsTheSourceAtItsPlaceForMeridian() throws Exception {
        assertImageHasTheSource(meridian, 0.5);
    }

    @Test
    void wscleanFindsTheSourceAtItsPlaceForCalibrator() throws Exception {
        assertImageHasTheSource(calibrator, 0);
    }

    /** {@code minOffset_deg}: how far from the image centre the source must be (the check would fail otherwise). */
    private static void assertImageHasTheSource(Lakes l, double minOffset_deg) throws Exception {
        Path ms;
        try (var s = Files.list(tmp.resolve("export-" + l.lake().getFileName()))) {
            ms = s.findFirst().orElseThrow();
        }
        LocateSource.Peak p = LocateSource.of(ms, "DATA");
        double sep_arcsec = 3600 * Math.toDegrees(Spherical.separation_rad(Math.toRadians(p.ra_deg()),
                Math.toRadians(p.dec_deg()), Math.toRadians(truth.get("source_deg").get(0).asDouble()),
                Math.toRadians(truth.get("source_deg").get(1).asDouble())));
        System.out.printf("%s: wsclean peak %.3f Jy at %.6f %+.6f deg, %.1f arcsec from the source, %.3f deg from the"
                + " image centre%n", l.lake().getFileName(), p.peak_jy(), p.ra_deg(), p.dec_deg(), sep_arcsec,
                p.offsetFromCentre_arcmin() / 60);
        assertTrue(sep_arcsec <= PIXEL_ARCSEC, "source found " + sep_arcsec + " arcsec from its place");
        assertTrue(p.offsetFromCentre_arcmin() / 60 >= minOffset_deg, "offset from the centre " + p);
        assertTrue(p.peak_jy() > 1.5, "peak " + p.peak_jy() + " Jy of 2.5");
    }

    /**
     * {@code calibrator} against {@code meridian} then {@code rephase --to-calibrator}. They cannot be equal bit for
     * bit: convert projects the baselines on the calibrator as casacore does (rotated by the annual aberration at
     * that centre), rephase rotates the meridian UVW rigidly (UvwRotation), and the two differ by the change of
     * that aberration rotation between the centres (about 1.5 mm per degree per 2 km). So the UVW must agree within
     * 5 mm, and the visibilities must agree within float32 precision once the phase of that UVW difference,
     * {@code exp(+2 pi i (w_rephase - w_calibrator) f / c)}, is applied: everything else (the drift phases, the
     * centre, channel order and sign) must be the same.
     */
    @Test
    void calibratorEqualsMeridianThenRephase() {
        assertEquals(calibrator.uvw().keySet(), rephasedUvw.keySet());
        double worstUvw = 0;
        double worstRel = 0;
        double worstRaw = 0;
        for (String k : calibrator.uvw().keySet()) {
            double[] uc = calibrator.uvw().get(k);
            double[] ur = rephasedUvw.get(k);
            for (int i = 0; i < 3; i++) {
                worstUvw = Math.max(worstUvw, Math.abs(uc[i] - ur[i]));
            }
            float[] vc = calibrator.data().get(k);
            float[] vr = rephasedData.get(k);
            int npol = vc.length / 2 / calibrator.freq_hz().length;
            for (int c = 0; c < calibrator.freq_hz().length; c++) {
                double ph = 2 * Math.PI * (ur[2] - uc[2]) * calibrator.freq_hz()[c] / C;
                double cr = Math.cos(ph);
                double ci = Math.sin(ph);
                for (int p = 0; p < npol; p++) {
                    int at = 2 * (c * npol + p);
                    double re = vr[at] * cr - vr[at + 1] * ci;
                    double im = vr[at] * ci + vr[at + 1] * cr;
                    double amp = Math.hypot(vc[at], vc[at + 1]);
                    worstRel = Math.max(worstRel, Math.hypot(re - vc[at], im - vc[at + 1]) / amp);
                    worstRaw = Math.max(worstRaw, Math.hypot(vr[at] - vc[at], vr[at + 1] - vc[at + 1]) / amp);
                }
            }
        }
        System.out.printf("calibrator vs meridian + rephase: UVW worst |diff| %.3e m; visibilities worst relative"
                + " |diff| %.2e raw, %.2e after the UVW difference's phase (float32 epsilon %.2e)%n", worstUvw,
                worstRaw, worstRel, Math.ulp(1f));
        assertTrue(worstUvw <= TOLERANCE_M, "UVW differ by " + worstUvw + " m");
        assertTrue(worstRel <= 8 * Math.ulp(1f), "visibilities differ by " + worstRel + " of their amplitude");
    }
}
