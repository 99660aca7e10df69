import java.nio.file.Path;
import org.vispark.formats.casacore.DataType;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;

/**
 * Reads columns of an MS with vispark's pure-Java reader, in row chunks (bounded memory, as a
 * Spark task would), and prints one line per column: name, bytes of values, seconds.
 * Usage: java -cp FORMATS_JAR ReadBench.java MS CHUNK_ROWS COLUMN...
 */
public class ReadBench {
    public static void main(String[] args) throws Exception {
        Path ms = Path.of(args[0]);
        int chunk = Integer.parseInt(args[1]);
        double total = 0;
        long totalBytes = 0;
        long check = 0;
        try (Table t = Table.open(ms)) {
            for (int i = 2; i < args.length; i++) {
                long t0 = System.nanoTime();
                TableColumn c = t.column(args[i]);
                long n = t.rowCount();
                long values = 0;
                for (long r = 0; r < n; r += chunk) {
                    int rows = (int) Math.min(chunk, n - r);
                    Object out = c.read(r, rows);
                    values += java.lang.reflect.Array.getLength(out) / c.dataType().elementsPerValue();
                    check += java.lang.reflect.Array.getLength(out);
                }
                double sec = (System.nanoTime() - t0) / 1e9;
                long bytes = values * (c.dataType() == DataType.BOOL ? 1 : c.dataType().byteSize());
                System.out.printf("java %-10s %12d bytes %8.3f s%n", args[i], bytes, sec);
                total += sec;
                totalBytes += bytes;
            }
        }
        System.out.printf("java TOTAL %d bytes %.3f s %.1f MB/s (check %d)%n", totalBytes, total, totalBytes / total / 1e6,
                check);
    }
}
