package org.vispark.udfs.sky;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vispark.udfs.astro.DirectionParser;
import org.vispark.udfs.astro.RaDec;

/**
 * A calibrator catalogue file such as {@code conf/calibrators.csv}: CSV lines
 * <pre>name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,spectral_index,reference</pre>
 * <ul>
 *   <li>aliases separated by {@code |} (may be empty); names and aliases match case-insensitively;</li>
 *   <li>coordinates J2000 as {@link DirectionParser} reads them after {@code J2000} (e.g. {@code 08h34m54.90s},
 *       {@code +55d34m21.00s}, {@code 128.7287deg});</li>
 *   <li>{@code flux_jy}: Stokes I flux density at {@code ref_freq_mhz} (MHz); {@code spectral_index}: alpha of
 *       {@code S ~ f^alpha} about that frequency;</li>
 *   <li>{@code reference}: the published source of the values, the rest of the line (it may contain commas).</li>
 * </ul>
 * {@code #} starts a comment line; blank lines are skipped; the first other line is the header and must name those
 * columns in that order.
 */
public final class CalibratorCatalogue implements Serializable {
    /** The header the file must have. */
    public static final String HEADER = "name,aliases,ra_j2000,dec_j2000,flux_jy,ref_freq_mhz,spectral_index,reference";

    private final String source;
    private final List<Calibrator> calibrators;
    private final Map<String, Calibrator> byName;

    private CalibratorCatalogue(String source, List<Calibrator> calibrators, Map<String, Calibrator> byName) {
        this.source = source;
        this.calibrators = calibrators;
        this.byName = byName;
    }

    /** One catalogue entry. */
    public record Calibrator(String name, List<String> aliases, RaDec position, double flux_jy, double refFreq_hz,
            double spectralIndex, String reference) implements Serializable {
        /** This calibrator as a point component of a sky model. */
        public SkyComponent component() {
            return SkyComponent.point(name, position.ra_rad(), position.dec_rad(), flux_jy, refFreq_hz, spectralIndex);
        }
    }

    /** Reads a catalogue file; errors name the file and line. */
    public static CalibratorCatalogue read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("calibrator catalogue " + file + " does not exist");
        }
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses catalogue lines; {@code source} names them in errors. */
    public static CalibratorCatalogue parse(List<String> lines, String source) throws IOException {
        List<Calibrator> list = new ArrayList<>();
        Map<String, Calibrator> byName = new LinkedHashMap<>();
        boolean header = true;
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (header) {
                if (!t.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    throw new IOException(source + " line " + lineNo + ": expected the header '" + HEADER
                            + "', got '" + t + "'");
                }
                header = false;
                continue;
            }
            Calibrator c = entry(t, source, lineNo);
            for (String key : names(c)) {
                Calibrator old = byName.put(key, c);
                if (old != null) {
                    throw new IOException(source + " line " + lineNo + ": name '" + key + "' also names "
                            + old.name());
                }
            }
            list.add(c);
        }
        if (header) {
            throw new IOException(source + ": no header line '" + HEADER + "'");
        }
        return new CalibratorCatalogue(source, List.copyOf(list), byName);
    }

    private static List<String> names(Calibrator c) {
        List<String> keys = new ArrayList<>();
        keys.add(key(c.name()));
        for (String a : c.aliases()) {
            keys.add(key(a));
        }
        return keys;
    }

    private static Calibrator entry(String line, String source, int lineNo) throws IOException {
        String[] f = line.split(",", 8);
        String where = source + " line " + lineNo + ": ";
        if (f.length != 8) {
            throw new IOException(where + "expected " + HEADER + ", got '" + line + "'");
        }
        String name = f[0].strip();
        if (name.isEmpty()) {
            throw new IOException(where + "empty name");
        }
        List<String> aliases = new ArrayList<>();
        for (String a : f[1].split("\\|")) {
            if (!a.isBlank()) {
                aliases.add(a.strip());
            }
        }
        try {
            RaDec position = DirectionParser.parse("J2000 " + f[2].strip() + " " + f[3].strip());
            double flux = number(f[4], "flux_jy");
            double refMhz = number(f[5], "ref_freq_mhz");
            double alpha = number(f[6], "spectral_index");
            if (!(flux > 0) || !(refMhz > 0)) {
                throw new IllegalArgumentException("flux_jy and ref_freq_mhz must be positive, got " + flux + " and "
                        + refMhz);
            }
            String reference = f[7].strip();
            if (reference.isEmpty()) {
                throw new IllegalArgumentException("no reference for the values of " + name);
            }
            return new Calibrator(name, List.copyOf(aliases), position, flux, refMhz * 1e6, alpha, reference);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + e.getMessage(), e);
        }
    }

    private static double number(String text, String column) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + text.strip() + "' is not a number");
        }
    }

    /** The entries in file order. */
    public List<Calibrator> calibrators() {
        return calibrators;
    }

    /** The calibrator of a name or alias; the error lists what the catalogue has. */
    public Calibrator get(String name) {
        Calibrator c = byName.get(key(name));
        if (c == null) {
            throw new IllegalArgumentException("calibrator '" + name + "' is not in " + source + " (it has "
                    + String.join(", ", calibrators.stream().map(Calibrator::name).toList()) + ")");
        }
        return c;
    }

    /** The J2000 position of a calibrator by name or alias. */
    public RaDec position(String name) {
        return get(name).position();
    }

    private static String key(String name) {
        return name.strip().toUpperCase(Locale.ROOT);
    }
}
