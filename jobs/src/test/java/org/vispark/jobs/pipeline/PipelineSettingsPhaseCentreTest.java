package org.vispark.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vispark.udfs.phasing.PhaseCentreRequest;
import org.vispark.udfs.sky.CalibratorCatalogue;

/** The pipeline's {@code phase_centre} setting: meridian by default, checked when the settings are loaded. */
class PipelineSettingsPhaseCentreTest {
    private static final Path CONF = Path.of("../conf/pipeline.properties");

    @Test
    void defaultIsMeridianAndOverridesAreChecked() throws Exception {
        PipelineSettings s = PipelineSettings.load(CONF, List.of());
        assertEquals(PhaseCentreRequest.Mode.MERIDIAN, s.phaseCentre(null).mode());
        PipelineSettings fixed = PipelineSettings.load(CONF, List.of("phase_centre=J2000 08h34m54.90s +55d34m21.00s"));
        assertEquals(55.5725, fixed.phaseCentre(null).fixed().decDeg(), 1e-9);
        CalibratorCatalogue cat = CalibratorCatalogue.read(Path.of("../conf/calibrators.csv"));
        PipelineSettings cal = PipelineSettings.load(CONF, List.of("phase_centre=calibrator"));
        assertEquals(cat, cal.phaseCentre(cat).catalogue());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PipelineSettings.load(CONF, List.of("phase_centre=zenith")));
        assertTrue(e.getMessage().startsWith("pipeline setting phase_centre: direction 'zenith'"), e.getMessage());
    }
}
