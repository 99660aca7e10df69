package org.vispark.jobs.flag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vispark.jobs.testing.TestData;

/**
 * A make_ms.py MS with RFI added by {@code flag/inject_rfi.py} (which writes where, with what power), and the
 * scores of a flag set against it. Values are keyed "antenna1 antenna2 time_ms channel"; a flag set holds, per such
 * key, whether the channel is flagged in any polarization.
 */
public final class InjectedRfi {
    /** make_ms.py options of the test MS: 24 antennas, 128 channels, a DSA-110 MS's 24 integrations. */
    static final String[] MS_OPTIONS = {"--nant", "24", "--nchan", "128", "--ntime", "24", "--seed", "3"};

    final Map<String, Double> power_jy2 = new HashMap<>();

    private InjectedRfi() {}

    /** Writes the MS {@code ms} ({@link #MS_OPTIONS}) and injects RFI into it. */
    static InjectedRfi make(Path ms) throws IOException, InterruptedException {
        return make(ms, MS_OPTIONS);
    }

    /** Writes the MS {@code ms} with make_ms.py options {@code makeMsOptions} and injects RFI into it. */
    public static InjectedRfi make(Path ms, String... makeMsOptions) throws IOException, InterruptedException {
        TestData.makeMs(ms, makeMsOptions);
        Path truth = ms.resolveSibling(ms.getFileName() + ".rfi.txt");
        TestData.python(TestData.resource("flag/inject_rfi.py").toString(), ms.toString(), truth.toString());
        InjectedRfi r = new InjectedRfi();
        for (String line : Files.readAllLines(truth)) {
            String[] f = line.trim().split(" ");
            r.power_jy2.put(key(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Integer.parseInt(f[3])), Double.parseDouble(f[4]));
        }
        return r;
    }

    static String key(int antenna1, int antenna2, double time_mjdSec, int channel) {
        return antenna1 + " " + antenna2 + " " + Math.round(time_mjdSec * 1000) + " " + channel;
    }

    /**
     * Per value key of the current version of the lake MS whose URI ends in {@code /name} (e.g. "in/rfi.ms"): flagged
     * or not.
     */
    static Map<String, Boolean> flags(SparkSession spark, String name) {
        return query(spark, "SELECT v.antenna1, v.antenna2, v.time, v.num_chan, v.num_pol,"
                + " vis_flags(v.flag, v.num_chan, v.num_pol) FROM visibilities v JOIN ms ON v.ms_id = ms.ms_id"
                + " WHERE ms.uri LIKE '%/" + name + "'");
    }

    /** The same from a query giving antenna1, antenna2, time, num_chan, num_pol, vis_flags(...). */
    static Map<String, Boolean> query(SparkSession spark, String sql) {
        Map<String, Boolean> out = new HashMap<>();
        for (Row r : spark.sql(sql).collectAsList()) {
            int numChan = r.getInt(3);
            int numPol = r.getInt(4);
            List<Boolean> f = r.getList(5);
            for (int c = 0; c < numChan; c++) {
                boolean any = false;
                for (int p = 0; p < numPol; p++) {
                    any |= f.get(c * numPol + p);
                }
                out.put(key(r.getInt(0), r.getInt(1), r.getDouble(2), c), any);
            }
        }
        return out;
    }

    /** Fraction of the injected power flagged. */
    double powerFlagged(Map<String, Boolean> flags) {
        double total = 0;
        double caught = 0;
        for (Map.Entry<String, Double> e : power_jy2.entrySet()) {
            total += e.getValue();
            if (Boolean.TRUE.equals(flags.get(e.getKey()))) {
                caught += e.getValue();
            }
        }
        return caught / total;
    }

    /** Fraction of the values without injected RFI that are flagged. */
    double cleanFlagged(Map<String, Boolean> flags) {
        long clean = 0;
        long flagged = 0;
        for (Map.Entry<String, Boolean> e : flags.entrySet()) {
            if (!power_jy2.containsKey(e.getKey())) {
                clean++;
                flagged += e.getValue() ? 1 : 0;
            }
        }
        return (double) flagged / clean;
    }

    /** Intersection over union of two flag sets over the same values. */
    static double iou(Map<String, Boolean> a, Map<String, Boolean> b) {
        if (!a.keySet().equals(b.keySet())) {
            throw new IllegalArgumentException("flag sets over different values");
        }
        long both = 0;
        long either = 0;
        for (Map.Entry<String, Boolean> e : a.entrySet()) {
            boolean x = e.getValue();
            boolean y = b.get(e.getKey());
            both += x && y ? 1 : 0;
            either += x || y ? 1 : 0;
        }
        return either == 0 ? 1 : (double) both / either;
    }
}
