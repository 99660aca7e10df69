package org.vispark.udfs.phasing;

import java.io.Serializable;
import java.util.Locale;
import org.vispark.udfs.astro.DirectionParser;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.sky.CalibratorCatalogue;

/**
 * What {@code convert --phase-centre} asks for drift-scan (unprojected) data; sidereal data always keep their centre.
 * {@code none}: keep drift data as recorded; {@code meridian} (the default): the J2000 place of the meridian at the
 * pointing declination at the data's midpoint; {@code calibrator}: the catalogue calibrator within half the primary
 * beam of that meridian centre, else the meridian centre; a J2000 direction ({@code 'J2000 08h34m54.90s
 * +55d34m21.00s'}, see {@link DirectionParser}): that direction. {@link DriftPhaseCentre} makes the choice.
 *
 * @param mode      the kind of request
 * @param fixed     the J2000 direction of {@link Mode#FIXED}; null otherwise
 * @param catalogue the calibrators of {@link Mode#CALIBRATOR}; null otherwise
 */
public record PhaseCentreRequest(Mode mode, RaDec fixed, CalibratorCatalogue catalogue) implements Serializable {
    /** The kinds of request. */
    public enum Mode { NONE, MERIDIAN, CALIBRATOR, FIXED }

    public PhaseCentreRequest {
        if ((mode == Mode.FIXED) != (fixed != null) || (mode == Mode.CALIBRATOR) != (catalogue != null)) {
            throw new IllegalArgumentException("phase-centre request " + mode + " with direction " + fixed
                    + " and catalogue " + (catalogue == null ? "none" : "given"));
        }
    }

    public static PhaseCentreRequest meridian() {
        return new PhaseCentreRequest(Mode.MERIDIAN, null, null);
    }

    public static PhaseCentreRequest none() {
        return new PhaseCentreRequest(Mode.NONE, null, null);
    }

    public static PhaseCentreRequest calibrator(CalibratorCatalogue catalogue) {
        return new PhaseCentreRequest(Mode.CALIBRATOR, null, catalogue);
    }

    public static PhaseCentreRequest fixed(RaDec j2000) {
        return new PhaseCentreRequest(Mode.FIXED, j2000, null);
    }

    /**
     * Parses the option's text: {@code none}, {@code meridian}, {@code calibrator} (with {@code catalogue}, which is
     * only read then) or a J2000/ICRS direction.
     */
    public static PhaseCentreRequest parse(String text, java.util.function.Supplier<CalibratorCatalogue> catalogue) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "none" -> none();
            case "meridian" -> meridian();
            case "calibrator" -> calibrator(catalogue.get());
            default -> {
                try {
                    yield fixed(DirectionParser.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("phase centre '" + text + "' is neither meridian, calibrator,"
                            + " none nor a direction: " + e.getMessage(), e);
                }
            }
        };
    }
}
