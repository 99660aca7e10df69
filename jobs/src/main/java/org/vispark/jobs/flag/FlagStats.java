package org.vispark.jobs.flag;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.vispark.jobs.lake.LakeTable;

/**
 * Counts of values (channel x polarization) of one MS, flagged before and after a flag run: for the whole MS, per
 * antenna (each value of a baseline counts for both its antennas, once for an autocorrelation), per (spw, channel)
 * and per time (MJD s); made into {@code flag_stats} records by {@link #records}.
 */
final class FlagStats implements Serializable {
    private static final long serialVersionUID = 1L;

    /** num_values, flagged_before, flagged. */
    private final long[] ms = new long[3];
    private final Map<Integer, long[]> antennas = new TreeMap<>();
    /** Per spw, per channel. */
    private final Map<Integer, long[][]> channels = new TreeMap<>();
    private final Map<Double, long[]> times = new TreeMap<>();

    /** Adds one row: {@code before}/{@code after} the flags of its values, value {@code k = chan * numPol + pol}. */
    void add(int antenna1, int antenna2, int spw, double time_mjdSec, int numChan, int numPol, boolean[] before,
            boolean[] after) {
        long nb = 0;
        long na = 0;
        long[][] spwChannels = channels(spw, numChan);
        for (int c = 0; c < numChan; c++) {
            long[] ch = spwChannels[c];
            for (int p = 0; p < numPol; p++) {
                int k = c * numPol + p;
                ch[0]++;
                if (before[k]) {
                    ch[1]++;
                    nb++;
                }
                if (after[k]) {
                    ch[2]++;
                    na++;
                }
            }
        }
        long n = (long) numChan * numPol;
        add(ms, n, nb, na);
        add(times.computeIfAbsent(time_mjdSec, k -> new long[3]), n, nb, na);
        add(antennas.computeIfAbsent(antenna1, k -> new long[3]), n, nb, na);
        if (antenna2 != antenna1) {
            add(antennas.computeIfAbsent(antenna2, k -> new long[3]), n, nb, na);
        }
    }

    /** These counts and {@code other}'s added (two parts of one MS), as a new instance. */
    FlagStats plus(FlagStats other) {
        FlagStats sum = new FlagStats();
        for (FlagStats s : List.of(this, other)) {
            add(sum.ms, s.ms[0], s.ms[1], s.ms[2]);
            s.antennas.forEach((a, c) -> add(sum.antennas.computeIfAbsent(a, k -> new long[3]), c[0], c[1], c[2]));
            s.times.forEach((t, c) -> add(sum.times.computeIfAbsent(t, k -> new long[3]), c[0], c[1], c[2]));
            s.channels.forEach((spw, counts) -> {
                long[][] into = sum.channels(spw, counts.length);
                for (int c = 0; c < counts.length; c++) {
                    add(into[c], counts[c][0], counts[c][1], counts[c][2]);
                }
            });
        }
        return sum;
    }

    /** The counts of spw's channels, at least {@code numChan} of them. */
    private long[][] channels(int spw, int numChan) {
        long[][] counts = channels.get(spw);
        if (counts == null || counts.length < numChan) {
            int from = counts == null ? 0 : counts.length;
            counts = counts == null ? new long[numChan][] : java.util.Arrays.copyOf(counts, numChan);
            for (int c = from; c < numChan; c++) {
                counts[c] = new long[3];
            }
            channels.put(spw, counts);
        }
        return counts;
    }

    private static void add(long[] c, long n, long before, long after) {
        c[0] += n;
        c[1] += before;
        c[2] += after;
    }

    long values() {
        return ms[0];
    }

    long flaggedBefore() {
        return ms[1];
    }

    long flagged() {
        return ms[2];
    }

    /** The {@code flag_stats} rows; {@code antennaNames} by antenna id (missing ones NULL). */
    List<GenericRecord> records(long msId, long conversion, long fromConversion, String runId,
            Map<Integer, String> antennaNames) {
        List<GenericRecord> out = new ArrayList<>();
        out.add(record(msId, conversion, fromConversion, runId, "ms", ms));
        antennas.forEach((a, c) -> {
            GenericRecord r = record(msId, conversion, fromConversion, runId, "antenna", c);
            r.put("antenna", a);
            r.put("antenna_name", antennaNames.get(a));
            out.add(r);
        });
        channels.forEach((spw, counts) -> {
            for (int c = 0; c < counts.length; c++) {
                GenericRecord r = record(msId, conversion, fromConversion, runId, "channel", counts[c]);
                r.put("spw", spw);
                r.put("channel", c);
                out.add(r);
            }
        });
        times.forEach((t, c) -> {
            GenericRecord r = record(msId, conversion, fromConversion, runId, "time", c);
            r.put("time", t);
            out.add(r);
        });
        return out;
    }

    private static GenericRecord record(long msId, long conversion, long fromConversion, String runId, String axis,
            long[] c) {
        GenericRecord r = new GenericData.Record(LakeTable.FLAG_STATS.schema());
        r.put("ms_id", msId);
        r.put("conversion", conversion);
        r.put("from_conversion", fromConversion);
        r.put("run_id", runId);
        r.put("axis", axis);
        r.put("num_values", c[0]);
        r.put("flagged_before", c[1]);
        r.put("flagged", c[2]);
        r.put("flagged_fraction", c[0] == 0 ? 0.0 : (double) c[2] / c[0]);
        return r;
    }
}
