package org.vispark.formats.ms;

import java.io.Serializable;

/** A row of DATA_DESCRIPTION: the spectral window and polarization setup a DATA_DESC_ID stands for. */
public record DataDescription(int id, int spectralWindowId, int polarizationId) implements Serializable {}
