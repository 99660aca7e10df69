package org.vispark.udfs.solve;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vispark.udfs.rephase.ChannelPhasors;

/**
 * The gains of a chain of tables at the row times seen ({@link TimeGains}), for {@link GainCorrector} and
 * {@link FeedGainCorrector}: the tables checked against the data's channels and polarizations (or feeds) and each
 * other's antennas and frequencies, each time's gains kept up to a memory budget (then all dropped and rebuilt as
 * rows need them), K's phase slopes over the channels' offsets from the first channel's frequency. Not thread-safe.
 */
final class TimeGainsCache {
    private final List<GainTable> tables;
    private final Interpolation interp;
    private final int numAnt;
    private final int numChan;
    private final int numPol;
    private final long budgetBytes;
    private final ChannelPhasors slopes;
    private final Map<Double, TimeGains> byTime = new HashMap<>();
    private long cachedBytes;

    /**
     * @param numPol   the polarizations (or feeds) of the tables
     * @param polNoun  what {@code numPol} counts, for the error message ("polarizations", "feeds")
     */
    TimeGainsCache(List<GainTable> tables, Interpolation interp, int numChan, int numPol, String polNoun,
            long budgetBytes) {
        this.tables = List.copyOf(tables);
        this.interp = interp;
        this.numChan = numChan;
        this.numPol = numPol;
        this.budgetBytes = budgetBytes;
        int ants = 0;
        double[] freq_hz = null;
        for (GainTable t : this.tables) {
            if (t.chanFreq_hz().length != numChan || t.numPol() != numPol || (freq_hz != null
                    && (!Arrays.equals(freq_hz, t.chanFreq_hz()) || t.numAnt() != ants))) {
                throw new IllegalArgumentException("the " + t.type() + " table is not built for the data's " + numChan
                        + " channels x " + numPol + " " + polNoun + " and the other tables' antennas and frequencies");
            }
            freq_hz = t.chanFreq_hz();
            ants = t.numAnt();
        }
        this.numAnt = ants;
        if (this.tables.stream().anyMatch(t -> t.type() == GainType.K)) {
            double[] offset_hz = new double[numChan];
            for (int ch = 0; ch < numChan; ch++) {
                offset_hz[ch] = freq_hz[ch] - freq_hz[0];
            }
            slopes = new ChannelPhasors(offset_hz);
        } else {
            slopes = null;
        }
    }

    /** Whether there are no tables (nothing to apply). */
    boolean isEmpty() {
        return tables.isEmpty();
    }

    /**
     * Whether a value of either antenna's channel vector at {@code time_mjdSec} is unusable (a solution flagged or a
     * gain zero): false when there are no tables.
     */
    boolean anyUnusable(int ant1, int ant2, double time_mjdSec) {
        if (isEmpty()) {
            return false;
        }
        TimeGains g = at(ant1, ant2, time_mjdSec);
        return g.inverse(ant1).anyUnusable() || g.inverse(ant2).anyUnusable();
    }

    /** The gains at {@code time_mjdSec}, with the channel vectors of both antennas prepared. */
    TimeGains at(int ant1, int ant2, double time_mjdSec) {
        if (ant1 < 0 || ant2 < 0 || ant1 >= numAnt || ant2 >= numAnt) {
            throw new IllegalArgumentException("antennas (" + ant1 + ", " + ant2 + ") outside the tables' 0.."
                    + (numAnt - 1));
        }
        TimeGains g = byTime.get(time_mjdSec);
        if (g == null) {
            g = new TimeGains(tables, time_mjdSec, interp, numAnt, numPol, numChan);
            byTime.put(time_mjdSec, g);
            cachedBytes += g.bytes();
        }
        long before = g.bytes();
        g.prepare(ant1, slopes);
        g.prepare(ant2, slopes);
        cachedBytes += g.bytes() - before;
        if (cachedBytes > budgetBytes) {
            byTime.clear();
            cachedBytes = 0;
        }
        return g;
    }
}
