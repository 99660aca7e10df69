package org.vispark.jobs.convert;

import java.util.Locale;

/**
 * What an input of {@code vispark convert} is, by its URI: a DSA-110 subband group (the URI
 * {@link SourceInput} gives one), a UVH5 file ({@code .uvh5}, {@code .hdf5}, {@code .h5}) or otherwise a
 * Measurement Set directory. Recorded as the catalogue's {@code format}.
 */
enum SourceFormat {
    MS("ms"),
    UVH5("uvh5"),
    UVH5_SUBBAND_GROUP("uvh5-subband-group");

    private final String catalogueName;

    SourceFormat(String catalogueName) {
        this.catalogueName = catalogueName;
    }

    static SourceFormat of(String uri) {
        String name = uri.toLowerCase(Locale.ROOT);
        if (uri.endsWith(SourceInput.GROUP_SUFFIX)) {
            return UVH5_SUBBAND_GROUP;
        }
        return name.endsWith(".uvh5") || name.endsWith(".hdf5") || name.endsWith(".h5") ? UVH5 : MS;
    }

    /** The name the catalogue records. */
    String catalogueName() {
        return catalogueName;
    }
}
