package org.vispark.formats.ms;

/**
 * A row of the optional SOURCE subtable.
 *
 * @param sourceId          SOURCE_ID (several rows may share it, one per spectral window and time)
 * @param name              source name
 * @param direction         source direction at {@code timeMjdSec}
 * @param timeMjdSec        epoch, MJD seconds (UTC)
 * @param spectralWindowId  SPECTRAL_WINDOW_ID (−1: all)
 */
public record Source(int sourceId, String name, Direction direction, double timeMjdSec, int spectralWindowId) {}
