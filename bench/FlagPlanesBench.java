import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.vispark.jobs.lake.LakeLayout;
import org.vispark.jobs.lake.MsRows;
import org.vispark.jobs.lake.VisRecords;
import org.vispark.udfs.flag.FlagSettings;
import org.vispark.udfs.flag.RfiFlagger;
import org.vispark.udfs.vis.PackedCells;

/**
 * The flagging kernel, RfiFlagger.flag, on the real planes of one lake visibility file (e.g. a DSA-110 MS of
 * bench/dsa110_scale.sh converted with `vispark convert`): the first BASELINES baselines' DATA, gathered whole
 * across the file's sorted runs, each flagged ROUNDS times on one thread. Prints CPU milliseconds per baseline
 * (all its polarizations) and the values flagged, the same every round.
 * Usage: java -cp "jobs/target/lib/*:jobs/target/classes" bench/FlagPlanesBench.java LAKE FILE [BASELINES=500]
 *        [ROUNDS=4]   (FILE relative to LAKE, e.g. visibilities/obs_date=.../bl_bucket=0/....parquet)
 */
public class FlagPlanesBench {
    public static void main(String[] args) throws Exception {
        int baselines = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        java.util.Map<Integer, List<float[]>> rows = new java.util.LinkedHashMap<>();
        int[] shape = new int[2];
        MsRows.forEach(new LakeLayout(args[0], 8), List.of(args[1]), new Configuration(),
                List.of("baseline", "num_chan", "num_pol", "data"), r -> {
                    int b = VisRecords.integer(r, "baseline");
                    if (rows.size() < baselines || rows.containsKey(b)) {
                        shape[0] = VisRecords.integer(r, "num_chan");
                        shape[1] = VisRecords.integer(r, "num_pol");
                        rows.computeIfAbsent(b, k -> new ArrayList<>())
                                .add(PackedCells.unpackFloats(VisRecords.cell(r, "data")));
                    }
                });
        RfiFlagger flagger = new RfiFlagger(FlagSettings.defaults());
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) { // the first warms the JIT up
            long flagged = 0;
            long t0 = cpu.getCurrentThreadCpuTime();
            for (List<float[]> plane : rows.values()) {
                float[][] vis = new float[plane.size()][];
                for (int t = 0; t < vis.length; t++) {
                    vis[t] = plane.get(t).clone();
                }
                flagged += flagger.flag(vis, new boolean[vis.length][shape[0] * shape[1]], shape[0], shape[1]);
            }
            double s = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %d baselines of %d x %d x %d: %.2f ms per baseline; %d values"
                    + " flagged%n", round, rows.size(), rows.values().iterator().next().size(), shape[0], shape[1],
                    s * 1000 / rows.size(), flagged);
        }
    }
}
