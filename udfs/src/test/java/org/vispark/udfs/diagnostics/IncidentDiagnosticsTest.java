package org.vispark.udfs.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.udfs.astro.PythonReference;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.rephase.Rephaser;
import org.vispark.udfs.rephase.UvwRotation;
import org.vispark.udfs.sky.CalibratorCatalogue;
import org.vispark.udfs.sky.ModelPredictor;
import org.vispark.udfs.sky.SkyComponent;

/**
 * The 0834+555 incident rebuilt by make_ms.py with its defaults (phase centre 54.7 arcmin from the calibrator,
 * MODEL_DATA = 2.5 Jy at the phase centre, random antenna gain phases, 2 ns delays, 0.02 rad/integration drift,
 * 24 antennas, 48 channels, 24 integrations of 12.9 s). The phase scatter of the incident grows with the time span of
 * a group (the fringe of the offset source winds with time): with only 8 integrations it is about 60 deg, with the
 * default 24 about 80 deg.
 */
class IncidentDiagnosticsTest {
    static final int CHANNELS_PER_BLOCK = 4;
    static final double SEARCH_RADIUS_RAD = Math.toRadians(2);
    /** make_ms.py's default source: the flux it simulates (not the catalogue's). */
    private static final double MAKE_MS_FLUX_JY = 2.5;

    @TempDir
    static Path tmp;
    private static SimulatedMs incident;
    private static RaDec calibrator;

    @BeforeAll
    static void writeMs() throws Exception {
        Path ms = PythonReference.makeMs(tmp.resolve("incident.ms"));
        incident = SimulatedMs.read(ms);
        calibrator = CalibratorCatalogue.read(Path.of("../conf/calibrators.csv")).position("0834+555");
    }

    static FieldDiagnostics diagnose(SimulatedMs ms, float[] data, float[] model) {
        FieldDiagnosticsAccumulator all = new FieldDiagnosticsAccumulator(ms.numChan(), ms.numPol(), CHANNELS_PER_BLOCK);
        for (int r = 0; r < ms.rows(); r++) {
            all.add(ms.ant1()[r], ms.ant2()[r], data, r * ms.floatsPerRow(), model, r * ms.floatsPerRow(),
                    ms.flags(), r * ms.numChan() * ms.numPol());
        }
        return all.result();
    }

    /** The coarse and every fine pass of the fringe map over every row, each row phased to {@code centre}. */
    static DataPeakSearch.DataPeak dataPeak(SimulatedMs ms, double[] uvw, float[] data, RaDec centre, RaDec expected) {
        SkyGrid fine = DataPeakSearch.coarseGrid(expected, SEARCH_RADIUS_RAD);
        double[] map = map(ms, uvw, data, centre, fine);
        for (int level = 0; level < DataPeakSearch.fineLevels(); level++) {
            fine = DataPeakSearch.refine(fine, map, level);
            map = map(ms, uvw, data, centre, fine);
        }
        DataPeakSearch.DataPeak p = DataPeakSearch.peak(fine, map, expected);
        assertFalse(p.onEdge(), "fine peak on the grid edge");
        return p;
    }

    private static double[] map(SimulatedMs ms, double[] uvw, float[] data, RaDec centre, SkyGrid grid) {
        FringeMapAccumulator acc = new FringeMapAccumulator(grid, ms.freq_hz(), ms.numPol(), CHANNELS_PER_BLOCK);
        for (int r = 0; r < ms.rows(); r++) {
            acc.add(ms.ant1()[r], ms.ant2()[r], uvw, 3 * r, centre.ra_rad(), centre.dec_rad(), data,
                    r * ms.floatsPerRow(), ms.flags(), r * ms.numChan() * ms.numPol());
        }
        return acc.result();
    }

    static double separation_arcmin(RaDec a, RaDec b) {
        return Math.toDegrees(Spherical.separation_rad(a.ra_rad(), a.dec_rad(), b.ra_rad(), b.dec_rad())) * 60;
    }

    @Test
    void incidentFailsOnAmplitudeRatioAndPhaseScatter() {
        double sep = separation_arcmin(incident.fieldCentre(), calibrator);
        FieldDiagnostics d = diagnose(incident, incident.data(), incident.model());
        DataPeakSearch.DataPeak peak = dataPeak(incident, incident.uvw(), incident.data(), incident.fieldCentre(),
                calibrator);
        Verdict v = Verdict.of(sep, peak.offset_arcmin(), d, Thresholds.DEFAULTS);
        System.out.printf("incident: separation %.3f arcmin, %s, data peak %.3f arcmin from the calibrator, %s %s%n",
                sep, d, peak.offset_arcmin(), v.level(), v.reasons());
        assertEquals(54.7, sep, 0.2);
        assertTrue(d.phaseDiffScatter_deg() > 60, "phase_diff_scatter " + d.phaseDiffScatter_deg());
        assertTrue(d.modelPhaseScatter_deg() < 1e-3, "MODEL is 2.5 Jy at the phase centre");
        assertTrue(d.ampRatio() < 0.5, "amp_ratio " + d.ampRatio());
        assertTrue(peak.offset_arcmin() < 1, "the data put the source at the calibrator: " + peak);
        assertEquals(Verdict.Level.FAIL, v.level());
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("amp_ratio") && r.endsWith("(FAIL)")), v.reasonText());
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("phase_diff_scatter_deg") && r.endsWith("(FAIL)")),
                v.reasonText());
        assertTrue(v.reasons().stream().anyMatch(r -> r.startsWith("separation_arcmin")), v.reasonText());
    }

    @Test
    void rephasedToCalibratorWithItsModelPasses() {
        int rows = incident.rows();
        double[] uvw = incident.uvw().clone();
        float[] data = incident.data().clone();
        new Rephaser(incident.freq_hz(), incident.numPol())
                .rephase(uvw, data, rows, UvwRotation.between(incident.fieldCentre(), calibrator));
        ModelPredictor predictor = new ModelPredictor(List.of(SkyComponent.point("0834+555", calibrator.ra_rad(),
                calibrator.dec_rad(), MAKE_MS_FLUX_JY, 1.4e9, 0)), incident.freq_hz(), incident.corrTypes(), null, null);
        float[] model = new float[data.length];
        for (int r = 0; r < rows; r++) {
            predictor.predict(uvw, 3 * r, calibrator.ra_rad(), calibrator.dec_rad(), model, r * incident.floatsPerRow());
        }
        FieldDiagnostics d = diagnose(incident, data, model);
        DataPeakSearch.DataPeak peak = dataPeak(incident, uvw, data, calibrator, calibrator);
        Verdict v = Verdict.of(0, peak.offset_arcmin(), d, Thresholds.DEFAULTS);
        System.out.printf("rephased + predicted: %s, data peak %.3f arcmin, %s %s%n", d, peak.offset_arcmin(),
                v.level(), v.reasons());
        assertTrue(d.phaseDiffScatter_deg() < 30, "phase_diff_scatter " + d.phaseDiffScatter_deg());
        assertTrue(d.ampRatio() > 0.5, "amp_ratio " + d.ampRatio());
        assertTrue(d.modelPhaseScatter_deg() < 1e-3, "the predicted model is at the phase centre");
        assertTrue(peak.offset_arcmin() < 1, "data peak " + peak);
        assertEquals(Verdict.Level.PASS, v.level(), v.reasonText());
    }

    /** Accumulators of a split of the rows, serialized and merged, equal one accumulator of all rows. */
    @Test
    void partialResultsMerge() throws Exception {
        FieldDiagnosticsAccumulator a = new FieldDiagnosticsAccumulator(incident.numChan(), incident.numPol(),
                CHANNELS_PER_BLOCK);
        FieldDiagnosticsAccumulator b = new FieldDiagnosticsAccumulator(incident.numChan(), incident.numPol(),
                CHANNELS_PER_BLOCK);
        for (int r = 0; r < incident.rows(); r++) {
            (r % 3 == 0 ? a : b).add(incident.ant1()[r], incident.ant2()[r], incident.data(),
                    r * incident.floatsPerRow(), incident.model(), r * incident.floatsPerRow(), incident.flags(),
                    r * incident.numChan() * incident.numPol());
        }
        a = roundTrip(a);
        a.merge(roundTrip(b));
        FieldDiagnostics merged = a.result();
        FieldDiagnostics whole = diagnose(incident, incident.data(), incident.model());
        assertEquals(whole.ampRatio(), merged.ampRatio(), 1e-9);
        assertEquals(whole.ampRatioScalar(), merged.ampRatioScalar(), 1e-9);
        assertEquals(whole.phaseDiffScatter_deg(), merged.phaseDiffScatter_deg(), 1e-6);
        assertEquals(whole.medianSnr(), merged.medianSnr(), 1e-6 * whole.medianSnr());
        assertEquals(whole.antennas().size(), merged.antennas().size());
        assertEquals(24, whole.antennas().size());
        assertEquals(0.0, whole.flaggedFraction());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
