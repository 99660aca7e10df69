package org.vispark.jobs.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vispark.jobs.lake.MsVersions;
import org.vispark.udfs.solve.FeedGainCorrector;
import org.vispark.udfs.solve.GainCorrector;
import org.vispark.udfs.solve.GainTable;
import org.vispark.udfs.solve.Interpolation;
import org.vispark.udfs.solve.Solution;
import org.vispark.udfs.vis.ParallelHands;

/** {@link GainCorrector}s of a list of gains tables for the data of one spectral window. */
public final class Correctors {
    private Correctors() {}

    /**
     * The corrector applying {@code tables} (in order) to rows of spectral window {@code spw}, each table's solutions
     * of {@linkplain PreTable#solutionWindow the window mapped to it}; a table without solutions for that window, or a window not in {@code chanFreqs_hz} (by window id), is an error naming it.
     */
    public static GainCorrector forWindow(List<PreTable> tables, int spw, int numAnt, int numPol,
            Map<Integer, double[]> chanFreqs_hz, Interpolation interp) {
        return new GainCorrector(gainTables(tables, spw, numAnt, numPol, chanFreqs_hz), interp,
                MsVersions.frequencies(chanFreqs_hz, spw).length, numPol);
    }

    /**
     * As {@link #forWindow}, for cells with cross hands: the tables' polarizations are the feeds of {@code hands},
     * and each correlation takes the gains of its two feeds ({@link FeedGainCorrector}).
     */
    public static FeedGainCorrector forFeeds(List<PreTable> tables, int spw, int numAnt, ParallelHands hands,
            Map<Integer, double[]> chanFreqs_hz, Interpolation interp) {
        return new FeedGainCorrector(gainTables(tables, spw, numAnt, hands.feeds(), chanFreqs_hz), interp,
                MsVersions.frequencies(chanFreqs_hz, spw).length, hands.feeds(), hands.feeds(1), hands.feeds(2));
    }

    private static List<GainTable> gainTables(List<PreTable> tables, int spw, int numAnt, int numPol,
            Map<Integer, double[]> chanFreqs_hz) {
        double[] chanFreq_hz = MsVersions.frequencies(chanFreqs_hz, spw);
        List<GainTable> gains = new ArrayList<>();
        for (PreTable t : tables) {
            int from = t.solutionWindow(spw);
            List<Solution> mine = t.solutions().stream().filter(s -> s.spw() == from).toList();
            if (mine.isEmpty()) {
                throw new IllegalArgumentException("gains table " + t.name() + " has no solutions for spectral window "
                        + spw + " of this MS");
            }
            gains.add(new GainTable(t.type(), mine, numAnt, numPol, chanFreq_hz));
        }
        return gains;
    }
}
