package org.vispark.formats.ms;

import java.io.Serializable;

/**
 * A row of the FIELD subtable; directions are the zeroth-order terms of the polynomials.
 *
 * @param id         row number (the FIELD_ID value)
 * @param name       field name
 * @param code       field code
 * @param phaseDir   phase centre (the direction visibilities are phased to; UVW are in its frame)
 * @param delayDir   delay tracking centre
 * @param referenceDir reference direction
 * @param timeMjdSec epoch of the polynomials, MJD seconds (UTC)
 * @param sourceId   SOURCE_ID
 */
public record Field(int id, String name, String code, Direction phaseDir, Direction delayDir,
        Direction referenceDir, double timeMjdSec, int sourceId) implements Serializable {}
