import java.util.Locale;
import java.util.Random;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.rephase.Rephaser;
import org.vispark.udfs.rephase.UvwRotation;
import org.vispark.udfs.vis.PackedCells;

/**
 * Throughput of rephasing (one thread): DSA-110-like rows (110 antennas: 5995 baselines per time, 768 channels,
 * 2 polarizations) moved 0.9 deg, on float[] blocks and on packed lake cells, with the uniform-grid recurrence and
 * with exact per-channel sin/cos (a grid made non-uniform by 1 Hz). Prints rows/s and MB/s of packed cells
 * (8 bytes per complex value).
 * Usage: java -cp "jobs/target/lib/*:jobs/target/classes" bench/RephaseBench.java [ROWS_PER_BLOCK] [SECONDS]
 */
public class RephaseBench {
    private static final int NCHAN = 768;
    private static final int NPOL = 2;

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 5995;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        double[] uniform = new double[NCHAN];
        double[] nonUniform = new double[NCHAN];
        for (int c = 0; c < NCHAN; c++) {
            uniform[c] = 1.311e9 + c * (1.5e9 / 384 / 4);
            nonUniform[c] = uniform[c] + (c % 2);
        }
        Random rnd = new Random(1);
        double[] uvw = new double[3 * rows];
        for (int i = 0; i < uvw.length; i++) {
            uvw[i] = (2 * rnd.nextDouble() - 1) * 1500;
        }
        float[] vis = new float[rows * 2 * NCHAN * NPOL];
        for (int i = 0; i < vis.length; i++) {
            vis[i] = (float) rnd.nextGaussian();
        }
        byte[][] cells = new byte[rows][];
        int perRow = 2 * NCHAN * NPOL;
        for (int r = 0; r < rows; r++) {
            cells[r] = PackedCells.packFloats(vis, r * perRow, perRow);
        }
        UvwRotation there = UvwRotation.between(RaDec.j2000(Math.toRadians(128.571864), Math.toRadians(54.665223)),
                RaDec.j2000(Math.toRadians(128.7287), Math.toRadians(55.5725)));
        UvwRotation back = UvwRotation.between(there.to(), there.from());
        double mbPerRow = PackedCells.complexBytes(NCHAN * NPOL) / 1e6;
        System.out.printf(Locale.ROOT, "rephase: %d rows/block, %d chan x %d pol (%.1f kB packed per row), %s%n", rows,
                NCHAN, NPOL, mbPerRow * 1e3, Runtime.version());
        for (String grid : new String[] {"recurrence", "exact sin/cos"}) {
            Rephaser rephaser = new Rephaser(grid.equals("recurrence") ? uniform : nonUniform, NPOL);
            for (String form : new String[] {"float[] block", "packed cells"}) {
                for (int pass = 0; pass < 2; pass++) { // first pass warms up the JIT
                    long done = 0;
                    long t0 = System.nanoTime();
                    long end = t0 + (long) (seconds * 1e9);
                    while (System.nanoTime() < end) {
                        UvwRotation rot = (done / rows) % 2 == 0 ? there : back;
                        if (form.equals("float[] block")) {
                            rephaser.rephase(uvw, vis, rows, rot);
                        } else {
                            for (int r = 0; r < rows; r++) {
                                rephaser.rephasePackedInPlace(cells[r], uvw, 3 * r, rot);
                                rot.apply(uvw, 3 * r, uvw, 3 * r);
                            }
                        }
                        done += rows;
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (pass == 1) {
                        System.out.printf(Locale.ROOT, "  %-13s %-12s %9.0f rows/s  %7.0f MB/s%n", grid, form,
                                done / s, done * mbPerRow / s);
                    }
                }
            }
        }
    }
}
