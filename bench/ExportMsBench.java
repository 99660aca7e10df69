import java.nio.file.Files;
import java.nio.file.Path;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.ms.MeasurementSet;
import org.vispark.formats.ms.write.MeasurementSetWriter;
import org.vispark.formats.ms.write.MsMetadata;
import org.vispark.formats.ms.write.VisibilityBlock;

/**
 * Writer throughput: reads the main table of MS (all rows, into memory, untimed), then writes it as a new MS
 * with MeasurementSetWriter (timed: create with sub-tables, append, commit; no fsync, as casacore) into OUT.
 * Usage: java -cp formats.jar bench/ExportMsBench.java MS OUT [WRITES=3]
 * Writes WRITES times in the same JVM (the first one cold: JIT compilation included) and prints, per write,
 * "java TOTAL <seconds> s <MB> MB": MB of main-table values (Bool one byte per value).
 */
public class ExportMsBench {
    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        Path out = Path.of(args[1]);
        try (MeasurementSet ms = MeasurementSet.open(src)) {
            Table t = ms.main();
            int n = (int) t.rowCount();
            MsMetadata meta = new MsMetadata(ms.antennas(), ms.fields(), ms.spectralWindows(), ms.polarizations(),
                    ms.dataDescriptions(), ms.observations(), ms.states(),
                    new MsMetadata.HistoryEntry(0, "ExportMsBench", "benchmark"));
            VisibilityBlock b = new VisibilityBlock(n, (double[]) r(t, "TIME", n), (double[]) r(t, "TIME_CENTROID", n),
                    (double[]) r(t, "INTERVAL", n), (double[]) r(t, "EXPOSURE", n), (int[]) r(t, "ANTENNA1", n),
                    (int[]) r(t, "ANTENNA2", n), (int[]) r(t, "FEED1", n), (int[]) r(t, "FEED2", n),
                    (int[]) r(t, "ARRAY_ID", n), (int[]) r(t, "DATA_DESC_ID", n), (int[]) r(t, "FIELD_ID", n),
                    (int[]) r(t, "OBSERVATION_ID", n), (int[]) r(t, "PROCESSOR_ID", n), (int[]) r(t, "SCAN_NUMBER", n),
                    (int[]) r(t, "STATE_ID", n), (boolean[]) r(t, "FLAG_ROW", n), (double[]) r(t, "UVW", n),
                    (float[]) r(t, "WEIGHT", n), (float[]) r(t, "SIGMA", n), (float[]) r(t, "DATA", n),
                    (boolean[]) r(t, "FLAG", n), (float[]) r(t, "MODEL_DATA", n), null, null);
            long bytes = 4L * (b.data().length + b.model().length + b.weight().length + b.sigma().length)
                    + b.flag().length + 8L * (b.uvw_m().length + 4L * n) + 4L * 11 * n + n;
            int writes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
            for (int rep = 0; rep < writes; rep++) {
                long t0 = System.nanoTime();
                try (MeasurementSetWriter w = MeasurementSetWriter.create(out, meta,
                        new MeasurementSetWriter.DataColumns(true, false, false), true, n)) {
                    w.append(b);
                    w.commit();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("java TOTAL %.3f s %d MB%n", s, bytes >> 20);
            }
        }
    }

    private static Object r(Table t, String c, int n) throws Exception {
        return t.column(c).read(0, n);
    }
}
