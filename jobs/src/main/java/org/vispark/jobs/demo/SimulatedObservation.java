package org.vispark.jobs.demo;

import java.util.List;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.sky.SkyComponent;

/**
 * One simulated drift-scan observation: a single field and scan.
 *
 * @param msName        directory name of the MS
 * @param fieldName     FIELD NAME
 * @param start_mjdSec  start of the first integration, MJD seconds (UTC)
 * @param integrations  number of integrations
 * @param integration_s length of one integration, seconds
 * @param phaseCentre   the phase centre (FIELD PHASE_DIR and DELAY_DIR), J2000
 * @param pointing      where the dishes point (FIELD REFERENCE_DIR; the primary beam's centre), J2000
 * @param sky           the sources on the sky
 */
public record SimulatedObservation(String msName, String fieldName, double start_mjdSec, int integrations,
        double integration_s, RaDec phaseCentre, RaDec pointing, List<SkyComponent> sky) {

    /** MJD seconds (UTC) of the middle of integration {@code k}. */
    public double time_mjdSec(int k) {
        return start_mjdSec + (k + 0.5) * integration_s;
    }

    /** MJD seconds (UTC) of the end of the last integration. */
    public double end_mjdSec() {
        return start_mjdSec + integrations * integration_s;
    }
}
