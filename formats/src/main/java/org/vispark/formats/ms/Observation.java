package org.vispark.formats.ms;

import java.io.Serializable;

/**
 * A row of the OBSERVATION subtable.
 *
 * @param id              row number
 * @param telescope       TELESCOPE_NAME
 * @param observer        OBSERVER
 * @param project         PROJECT
 * @param timeRangeMjdSec start and end, MJD seconds (UTC)
 */
public record Observation(int id, String telescope, String observer, String project, double[] timeRangeMjdSec)
        implements Serializable {}
