package org.vispark.udfs.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The thresholds shipped in conf/ are the documented defaults (the incident report's), so the two cannot drift. */
class ShippedThresholdsTest {
    @Test
    void confDiagnosticsPropertiesHoldsTheDefaults() throws Exception {
        assertEquals(Thresholds.DEFAULTS, Thresholds.load(Path.of("..", "conf", "diagnostics.properties")));
    }
}
