package org.vispark.udfs.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vispark.udfs.astro.PythonReference;

class VerdictTest {
    private static FieldDiagnostics stats(double ampRatio, double scatter_deg, double flagged, double snr) {
        return new FieldDiagnostics(ampRatio, ampRatio, 0, scatter_deg, flagged, snr, List.of());
    }

    @Test
    void levelsFollowTheBands() {
        Thresholds t = Thresholds.DEFAULTS;
        assertEquals(Verdict.Level.PASS, Verdict.of(0.05, 0.3, stats(0.95, 12, 0.01, 70), t).level());
        Verdict warn = Verdict.of(0.7, 0.3, stats(0.95, 12, 0.01, 70), t);
        assertEquals(Verdict.Level.WARN, warn.level());
        assertEquals(List.of("separation_arcmin 0.700 >= 0.5 (WARN)"), warn.reasons());
        Verdict fail = Verdict.of(0.05, Double.NaN, stats(0.3, 80, 0.01, 2), t);
        assertEquals(Verdict.Level.FAIL, fail.level());
        assertEquals(List.of("phase_diff_scatter_deg 80.0 >= 30 (FAIL)", "amp_ratio 0.300 <= 0.5 (FAIL)",
                "median_snr 2.00 < 5 (WARN)"), fail.reasons());
    }

    @Test
    void thresholdsFromPropertiesFile(@TempDir Path tmp) throws Exception {
        Thresholds t = Thresholds.load(PythonReference.resource("/diagnostics/thresholds.properties", tmp));
        assertEquals(15, t.phaseScatterFail_deg());
        assertEquals(Thresholds.DEFAULTS.ampRatioFail(), t.ampRatioFail());
        assertEquals(Verdict.Level.FAIL, Verdict.of(0, 0, stats(0.95, 20, 0, 70), t).level());

        Path bad = tmp.resolve("bad.properties");
        Files.writeString(bad, "amp_ratio.fial = 0.4\n");
        IOException e = assertThrows(IOException.class, () -> Thresholds.load(bad));
        assertTrue(e.getMessage().contains("bad.properties") && e.getMessage().contains("amp_ratio.fial"), e.getMessage());
        Properties inverted = new Properties();
        inverted.setProperty("amp_ratio.warn", "0.3");
        assertThrows(IllegalArgumentException.class, () -> Thresholds.of(inverted));
    }
}
