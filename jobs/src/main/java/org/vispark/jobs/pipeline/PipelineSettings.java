package org.vispark.jobs.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.vispark.udfs.astro.DirectionParser;
import org.vispark.udfs.phasing.PhaseCentreRequest;
import org.vispark.udfs.sky.CalibratorCatalogue;

/**
 * The settings of {@code vispark pipeline}: {@code conf/pipeline.properties} (documented there), overridden by
 * {@code --set KEY=VALUE}. Every key must be known and every value valid; paths are relative to the file's
 * directory.
 */
public final class PipelineSettings {
    static final Set<String> KEYS = Set.of("calibrator", "catalogue", "thresholds", "beam", "rephase.tolerance_arcmin",
            "refant", "minsnr", "minblperant", "k.solint", "g.solint", "g.calmode", "b.solint", "b.solnorm",
            "apply.interp", "flag", "flag.strategy", "phase_centre");

    private final Map<String, String> values;
    private final Path base;

    private PipelineSettings(Map<String, String> values, Path base) {
        this.values = values;
        this.base = base;
    }

    /** The file's settings with {@code overrides} ("KEY=VALUE") applied. */
    public static PipelineSettings load(Path file, List<String> overrides) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> v = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            v.put(k, p.getProperty(k).strip());
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--set wants KEY=VALUE, not '" + o + "'");
            }
            v.put(o.substring(0, eq).strip(), o.substring(eq + 1).strip());
        }
        for (String k : v.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown pipeline setting '" + k + "' (" + file + " or --set); known: "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        for (String k : KEYS) {
            if (!v.containsKey(k)) {
                throw new IllegalArgumentException("pipeline setting '" + k + "' is missing from " + file);
            }
        }
        PipelineSettings s = new PipelineSettings(v, file.toAbsolutePath().getParent());
        s.number("minsnr");
        s.number("rephase.tolerance_arcmin");
        s.bool("beam");
        s.bool("b.solnorm");
        s.bool("flag");
        if (!Set.of("none", "meridian", "calibrator").contains(s.get("phase_centre").toLowerCase(Locale.ROOT))) {
            try {
                DirectionParser.parse(s.get("phase_centre"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pipeline setting phase_centre: " + e.getMessage(), e);
            }
        }
        return s;
    }

    /** {@code phase_centre}: where convert phases drift-scan data; {@code catalogue} serves {@code calibrator}. */
    public PhaseCentreRequest phaseCentre(CalibratorCatalogue catalogue) {
        return PhaseCentreRequest.parse(get("phase_centre"), () -> catalogue);
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no pipeline setting '" + key + "'");
        }
        return v;
    }

    /** A setting naming a file, resolved against the settings file's directory. */
    public Path path(String key) {
        return base.resolve(get(key));
    }

    public double number(String key) {
        try {
            return Double.parseDouble(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pipeline setting " + key + " = '" + get(key) + "' is not a number");
        }
    }

    public boolean bool(String key) {
        String v = get(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("pipeline setting " + key + " = '" + v + "' is not true or false");
        }
        return v.equals("true");
    }

    /** The calibrator setting: a catalogue name, or null for auto. */
    public String calibrator() {
        String c = get("calibrator");
        return c.equalsIgnoreCase("auto") ? null : c;
    }

    /** Every setting as {@code KEY=VALUE}, sorted by key. */
    public List<String> lines() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
