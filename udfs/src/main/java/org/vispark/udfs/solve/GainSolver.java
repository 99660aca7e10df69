package org.vispark.udfs.solve;

import java.util.ArrayList;
import java.util.List;

/**
 * G: one complex gain per antenna and polarization for the whole solve group (all channels and rows of the
 * solution interval combined), {@code V_ij(t, nu) = g_i g_j^* M_ij(t, nu)}; calmode ap or p ({@code |g| = 1}).
 * Solved by {@link StefCal}; a solution is flagged when its antenna has no data or fewer than minblperant
 * baselines, or when its SNR is below minsnr. Channel -1.
 */
public final class GainSolver {
    private GainSolver() {}

    public static List<Solution> solve(SolveGroup group, SolveOptions options) {
        int[] refOrder = options.refant().order(group);
        List<Solution> out = new ArrayList<>();
        double time = group.centreTime_mjdSec();
        for (int pol = 0; pol < group.numPol(); pol++) {
            StefCal.Result r = StefCal.solve(CellSums.allChannels(group, pol), refOrder, options.calMode(),
                    options.minBlPerAnt());
            for (int a = 0; a < group.numAnt(); a++) {
                boolean flagged = !r.ok(a) || !(r.snr(a) >= options.minSnr());
                out.add(new Solution(a, pol, group.spw(), -1, time, r.gRe[a], r.gIm[a], 0, r.snr(a), flagged));
            }
        }
        return out;
    }
}
