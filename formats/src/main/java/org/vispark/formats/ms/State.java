package org.vispark.formats.ms;

import java.io.Serializable;

/**
 * A row of the optional STATE subtable (the STATE_ID of main-table rows).
 *
 * @param id      row number
 * @param obsMode OBS_MODE, e.g. "CALIBRATE_PHASE.ON_SOURCE"
 * @param signal  SIG
 * @param reference REF
 * @param subScan SUB_SCAN
 */
public record State(int id, String obsMode, boolean signal, boolean reference, int subScan)
        implements Serializable {}
