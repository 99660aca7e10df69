package org.vispark.jobs.rephase;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vispark.udfs.astro.DirectionParser;
import org.vispark.udfs.astro.RaDec;

/**
 * The calibrator catalogue shipped in {@code conf/calibrators.csv}: lines {@code name,aliases,ra_j2000,dec_j2000}
 * with aliases separated by {@code |} and coordinates as {@link DirectionParser} reads them after {@code J2000}
 * (e.g. {@code 08h34m54.90s,+55d34m21.00s}); {@code #} starts a comment line; the first other line is the header.
 * Names and aliases match case-insensitively.
 */
public final class CalibratorCatalogue {
    private final Path file;
    private final Map<String, RaDec> byName;
    private final List<String> names;

    private CalibratorCatalogue(Path file, Map<String, RaDec> byName, List<String> names) {
        this.file = file;
        this.byName = byName;
        this.names = names;
    }

    /** Reads the catalogue; errors name the file and line. */
    public static CalibratorCatalogue read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("calibrator catalogue " + file + " does not exist (pass --catalogue FILE)");
        }
        Map<String, RaDec> byName = new LinkedHashMap<>();
        List<String> names = new java.util.ArrayList<>();
        boolean header = true;
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = t.split(",", -1);
            if (f.length != 4) {
                throw new IOException(file + " line " + lineNo + ": expected name,aliases,ra_j2000,dec_j2000, got '" + t + "'");
            }
            RaDec position;
            try {
                position = DirectionParser.parse("J2000 " + f[2].strip() + " " + f[3].strip());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + lineNo + ": " + e.getMessage(), e);
            }
            names.add(f[0].strip());
            byName.put(key(f[0]), position);
            for (String alias : f[1].split("\\|")) {
                if (!alias.isBlank()) {
                    byName.put(key(alias), position);
                }
            }
        }
        return new CalibratorCatalogue(file, byName, List.copyOf(names));
    }

    /** The J2000 position of a calibrator by name or alias; the error lists what the catalogue has. */
    public RaDec position(String name) {
        RaDec p = byName.get(key(name));
        if (p == null) {
            throw new IllegalArgumentException("calibrator '" + name + "' is not in " + file + " (it has "
                    + String.join(", ", names) + ")");
        }
        return p;
    }

    private static String key(String name) {
        return name.strip().toUpperCase(Locale.ROOT);
    }
}
