import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;
import org.vispark.udfs.flag.FlagSettings;
import org.vispark.udfs.flag.RfiFlagger;

/**
 * The kernel of `vispark flag`, RfiFlagger.flag, on baselines of the DSA-110's shape (24 integrations, 768 channels, 2
 * polarizations; a constant source, Gaussian noise, a few RFI lines and a burst). Prints baselines and rows (one
 * integration of one baseline) per CPU second of the thread, so other load on the machine disturbs it less. Single
 * thread, no I/O.
 * Usage: java -cp "jobs/target/lib/*:jobs/target/classes" bench/FlagKernelBench.java [BASELINES=2000]
 */
public class FlagKernelBench {
    public static void main(String[] args) {
        int baselines = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int numTime = 24;
        int numChan = 768;
        int numPol = 2;
        Random random = new Random(1);
        float[][] template = new float[numTime][2 * numChan * numPol];
        for (int t = 0; t < numTime; t++) {
            for (int k = 0; k < numChan * numPol; k++) {
                int c = k / numPol;
                double rfi = (c % 97 == 0 || t == 11) ? 5 : 0;
                template[t][2 * k] = (float) (2.5 + rfi + 0.05 * random.nextGaussian());
                template[t][2 * k + 1] = (float) (0.05 * random.nextGaussian());
            }
        }
        RfiFlagger flagger = new RfiFlagger(FlagSettings.defaults());
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) { // the first warms the JIT up
            long flagged = 0;
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int b = 0; b < baselines; b++) {
                float[][] vis = new float[numTime][];
                for (int t = 0; t < numTime; t++) {
                    vis[t] = template[t].clone();
                }
                flagged += flagger.flag(vis, new boolean[numTime][numChan * numPol], numChan, numPol);
            }
            double s = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %d baselines in %.2f CPU s: %.0f baselines/s, %.0f rows/s, %.1f M"
                    + " values/s; %d values flagged%n", round + 1, baselines, s, baselines / s, baselines * numTime / s,
                    (double) baselines * numTime * numChan * numPol / s / 1e6, flagged);
        }
    }
}
