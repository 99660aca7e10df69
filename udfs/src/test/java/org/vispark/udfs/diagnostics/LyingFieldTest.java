package org.vispark.udfs.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.udfs.astro.PythonReference;
import org.vispark.udfs.astro.RaDec;

/**
 * An MS whose data are phased to centre A while its FIELD (as we treat it) says B: the data peak, searched with every
 * row taken as phased to B, lies the A-B offset away from the true source, and the verdict fails.
 */
class LyingFieldTest {
    @Test
    void dataPeakRevealsTheTrueOffset(@TempDir Path tmp) throws Exception {
        RaDec a = RaDec.j2000(Math.toRadians(128.9), Math.toRadians(55.35));
        RaDec b = RaDec.j2000(Math.toRadians(128.571864), Math.toRadians(55.1));
        RaDec source = RaDec.j2000(Math.toRadians(128.7287), Math.toRadians(55.5725));
        Path ms = PythonReference.makeMs(tmp.resolve("lying.ms"), "--centre", a.raDeg() + "," + a.decDeg(), "--source", source.raDeg() + "," + source.decDeg() + ",2.5");
        SimulatedMs m = SimulatedMs.read(ms);
        double trueOffset = IncidentDiagnosticsTest.separation_arcmin(a, b);
        DataPeakSearch.DataPeak peak = IncidentDiagnosticsTest.dataPeak(m, m.uvw(), m.data(), b, source);
        FieldDiagnostics d = IncidentDiagnosticsTest.diagnose(m, m.data(), m.model());
        Verdict v = Verdict.of(IncidentDiagnosticsTest.separation_arcmin(b, source), peak.offset_arcmin(), d,
                Thresholds.DEFAULTS);
        System.out.printf("lying FIELD: true A-B offset %.3f arcmin, data peak %.3f arcmin from the source, %s %s%n",
                trueOffset, peak.offset_arcmin(), v.level(), v.reasons());
        assertEquals(trueOffset, peak.offset_arcmin(), 1.0);
        assertEquals(Verdict.Level.FAIL, v.level());
        assertEquals(true, v.reasonText().contains("data_peak_offset_arcmin"), v.reasonText());
    }
}
