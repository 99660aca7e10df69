import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.diagnostics.DataPeakSearch;
import org.vispark.udfs.diagnostics.FieldDiagnosticsAccumulator;
import org.vispark.udfs.diagnostics.FringeMapAccumulator;
import org.vispark.udfs.diagnostics.SkyGrid;

/**
 * The two kernels of `vispark diagnose` on rows of the DSA-110's shape (768 channels, 2 polarizations, random data):
 * the DATA-versus-MODEL statistics (FieldDiagnosticsAccumulator.add, every value) and the fringe map of the data-peak
 * search (FringeMapAccumulator.add on the coarse grid, DATA averaged into 48 channel bins as MsDiagnoser does).
 * Prints rows per CPU second of each (the thread's CPU time, so other load on the machine disturbs it less), and for
 * the map CPU ns per (row, pixel, bin). Single thread, no I/O.
 * Usage: java -cp "jobs/target/lib/*:jobs/target/classes" bench/DiagnoseKernelBench.java [ROWS=20000] [ANTENNAS=110]
 */
public class DiagnoseKernelBench {
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int antennas = args.length > 1 ? Integer.parseInt(args[1]) : 110;
        int numChan = 768;
        int numPol = 2;
        int bins = 48;
        double[] freq = new double[numChan];
        double[] binFreq = new double[bins];
        for (int c = 0; c < numChan; c++) {
            freq[c] = 1.311e9 + c * 244140.625;
        }
        for (int b = 0; b < bins; b++) {
            binFreq[b] = 1.311e9 + (b * 16 + 7.5) * 244140.625;
        }
        Random random = new Random(1);
        float[] data = new float[2 * numChan * numPol];
        float[] model = new float[2 * numChan * numPol];
        float[] binned = new float[2 * bins * numPol];
        for (int k = 0; k < data.length; k++) {
            data[k] = (float) random.nextGaussian();
            model[k] = (float) random.nextGaussian();
        }
        for (int k = 0; k < binned.length; k++) {
            binned[k] = (float) random.nextGaussian();
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        RaDec centre = RaDec.j2000(Math.toRadians(128.571864), Math.toRadians(54.665223));
        SkyGrid grid = DataPeakSearch.coarseGrid(RaDec.j2000(Math.toRadians(128.7287), Math.toRadians(55.5725)),
                Math.toRadians(2));
        double[] uvw = {812.5, -403.1, 120.7};
        for (int round = 0; round < 3; round++) {
            FieldDiagnosticsAccumulator stats = new FieldDiagnosticsAccumulator(numChan, numPol, 4);
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int r = 0; r < rows; r++) {
                int a1 = (r / 24) % antennas;
                int a2 = a1 + 1 + (r / 24 / antennas) % (antennas - 1 - a1 % (antennas - 1));
                stats.add(a1, a2, data, 0, model, 0, null, 0);
            }
            stats.result();
            double statsSec = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
            int mapRows = rows / 10;
            FringeMapAccumulator map = null;
            double[] sum = new double[grid.pixels()];
            t0 = cpu.getCurrentThreadCpuTime();
            for (int r = 0; r < mapRows; r++) {
                if (r % 24 == 0) {
                    if (map != null) {
                        double[] m = map.result();
                        for (int p = 0; p < m.length; p++) {
                            sum[p] += m[p];
                        }
                    }
                    map = new FringeMapAccumulator(grid, binFreq, numPol, 4);
                }
                uvw[0] += 0.1;
                map.add(1, 2 + r / 24, uvw, 0, centre.ra_rad(), centre.dec_rad(), binned, 0, null, 0);
            }
            double mapSec = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: statistics %.0f rows/s; fringe map (%d pixels, %d bins) %.0f rows/s,"
                    + " %.2f ns per row x pixel x bin%n", round, rows / statsSec, grid.pixels(), bins,
                    mapRows / mapSec, mapSec * 1e9 / mapRows / grid.pixels() / bins);
        }
    }
}
