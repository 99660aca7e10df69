package org.vispark.udfs.solve;

import java.io.Serializable;

/**
 * Parameters of one solve, in CASA's vocabulary.
 *
 * @param gainType    K, G or B
 * @param calMode     ap or p (G and B; K is always a phase term)
 * @param refant      reference antenna (given or auto)
 * @param minSnr      solutions with snr below this are flagged (CASA default 3)
 * @param minBlPerAnt antennas with fewer unflagged baselines in a cell are flagged (CASA default 4)
 * @param solnorm     B only: divide each antenna's bandpass by its mean over unflagged channels (see
 *                    {@link BandpassSolver})
 */
public record SolveOptions(GainType gainType, CalMode calMode, ReferenceAntenna refant, double minSnr,
        int minBlPerAnt, boolean solnorm) implements Serializable {

    public SolveOptions {
        if (gainType == null || calMode == null || refant == null) {
            throw new IllegalArgumentException("gaintype, calmode and refant are required");
        }
        if (!(minSnr >= 0)) {
            throw new IllegalArgumentException("minsnr must be >= 0, not " + minSnr);
        }
        if (minBlPerAnt < 1) {
            throw new IllegalArgumentException("minblperant must be >= 1, not " + minBlPerAnt);
        }
    }

    /** CASA's defaults for a gain type: calmode ap, refant auto, minsnr 3, minblperant 4, no solnorm. */
    public static SolveOptions defaults(GainType type) {
        return new SolveOptions(type, CalMode.AP, ReferenceAntenna.auto(), 3, 4, false);
    }

    public SolveOptions withCalMode(CalMode mode) {
        return new SolveOptions(gainType, mode, refant, minSnr, minBlPerAnt, solnorm);
    }

    public SolveOptions withRefant(ReferenceAntenna ant) {
        return new SolveOptions(gainType, calMode, ant, minSnr, minBlPerAnt, solnorm);
    }

    public SolveOptions withMinSnr(double snr) {
        return new SolveOptions(gainType, calMode, refant, snr, minBlPerAnt, solnorm);
    }

    public SolveOptions withMinBlPerAnt(int n) {
        return new SolveOptions(gainType, calMode, refant, minSnr, n, solnorm);
    }

    public SolveOptions withSolnorm(boolean on) {
        return new SolveOptions(gainType, calMode, refant, minSnr, minBlPerAnt, on);
    }
}
