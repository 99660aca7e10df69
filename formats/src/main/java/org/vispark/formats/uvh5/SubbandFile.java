package org.vispark.formats.uvh5;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of a DSA-110 subband group, named {@code YYYY-MM-DDTHH:MM:SS_sbNN.hdf5} by the correlator:
 * the timestamp (UTC) it wrote the file at and its subband number.
 */
public record SubbandFile(Path path, Instant timestampUtc, int subband) {
    private static final Pattern NAME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})_sb(\\d{2})\\.hdf5");

    /** The subband file a path names, or null when its name is not in the correlator's form. */
    public static SubbandFile parse(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        if (!m.matches()) {
            return null;
        }
        Instant t = LocalDateTime.parse(m.group(1)).toInstant(ZoneOffset.UTC);
        return new SubbandFile(path, t, Integer.parseInt(m.group(2)));
    }
}
