package org.vispark.jobs.export;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.vispark.formats.ms.write.MsMetadata;
import org.vispark.jobs.convert.ConvertJob;
import org.vispark.jobs.lake.Catalogue;
import org.vispark.jobs.lake.CatalogueEntry;
import org.vispark.jobs.lake.Lake;
import org.vispark.jobs.lake.LakeTable;
import org.vispark.jobs.lake.LakeViews;
import org.vispark.jobs.lake.MsSelection;
import org.vispark.jobs.lake.MsTasks;
import org.vispark.jobs.lake.MsVersions;

/**
 * {@code vispark export-ms}: writes the current version of selected MS of a lake as Measurement Sets that casacore,
 * CASA and wsclean read ({@link MsExporter}, one Spark task per MS), into a directory of a local or shared POSIX
 * file system (every executor must see it), each named after its source MS. DATA is always written; MODEL_DATA and
 * CORRECTED_DATA when asked for, or by default when the lake has them; WEIGHT_SPECTRUM when the lake has it.
 */
public final class ExportJob {
    /** The optional data columns export-ms can be asked for. */
    public static final Set<String> OPTIONAL_COLUMNS = Set.of("MODEL_DATA", "CORRECTED_DATA");

    private ExportJob() {}

    /**
     * @param msId    one MS by id, or null to select by {@code where}
     * @param where   SQL condition on the ms view, or null for every converted MS (ignored with an id)
     * @param output  directory the MS are written into (created if missing)
     * @param columns optional columns to write (subset of {@link #OPTIONAL_COLUMNS}; DATA is always written), or
     *                null for those the lake has
     */
    public record Options(String lake, Long msId, String where, String output, List<String> columns,
            boolean overwrite) {
        public Options {
            if (columns != null) {
                for (String c : columns) {
                    if (!c.equals("DATA") && !OPTIONAL_COLUMNS.contains(c)) {
                        throw new IllegalArgumentException("column '" + c + "' cannot be exported; choose from DATA,"
                                + " MODEL_DATA, CORRECTED_DATA");
                    }
                }
            }
        }
    }

    /** MS selected, written (with their paths), failures ("uri: reason"), rows and bytes written. */
    public record Summary(int selected, List<String> written, List<String> failures, long rows, long bytes,
            double seconds) {}

    public static Summary run(SparkSession spark, Options o, PrintStream console) throws IOException {
        long t0 = System.nanoTime();
        Path out = outputDirectory(o.output());
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Lake lake = Lake.open(o.lake(), conf);
        LakeViews.register(spark, lake);
        Catalogue catalogue = Catalogue.read(lake, conf);
        List<Long> ids = select(spark, o, catalogue);
        console.printf(Locale.ROOT, "export-ms: %d MS selected, into %s%n", ids.size(), out);
        Map<Long, Map<LakeTable, List<GenericRecord>>> subtables =
                MsVersions.currentSubtables(lake, conf, catalogue, Set.copyOf(ids));
        Map<Long, List<String>> files = MsVersions.visibilityFiles(lake, conf, catalogue);
        List<String> optional = o.columns() == null ? null
                : o.columns().stream().filter(OPTIONAL_COLUMNS::contains).toList();
        Map<String, Integer> nameUses = new HashMap<>();
        for (long id : ids) {
            nameUses.merge(msName(catalogue.get(id).uri()), 1, Integer::sum);
        }
        double now_mjdSec = System.currentTimeMillis() / 1000.0 + 40587 * 86400.0;
        List<String> failures = new ArrayList<>();
        List<ExportTask> tasks = new ArrayList<>();
        for (long id : ids) {
            CatalogueEntry e = catalogue.get(id);
            String name = msName(e.uri());
            if (nameUses.get(name) > 1) {
                String unique = name.replaceFirst("(\\.ms)?$", String.format(Locale.ROOT, "-%016x$1", id));
                console.printf(Locale.ROOT, "export-ms: %d selected MS are named %s; %s is written as %s%n",
                        nameUses.get(name), name, e.uri(), unique);
                name = unique;
            }
            try {
                MsMetadata meta = LakeMetadata.of(e, subtables.getOrDefault(id, Map.of()), new MsMetadata.HistoryEntry(
                        now_mjdSec, "vispark export-ms", String.format(Locale.ROOT, "vispark %s exported ms_id %d"
                                + " (version %d, from %s) of lake %s", ConvertJob.VERSION, id, e.conversion(),
                                e.uri(), lake.layout().root())));
                tasks.add(new ExportTask(id, e.conversion(), e.uri(), e.rows() == null ? 0 : e.rows(), lake.layout(),
                        files.getOrDefault(id, List.of()), meta, out.resolve(name).toString(), o.overwrite(),
                        optional));
            } catch (IllegalArgumentException ex) {
                failures.add(e.uri() + ": " + ex.getMessage());
            }
        }

        List<String> written = new ArrayList<>();
        long[] rowsBytes = {0, 0};
        MsTasks.run(spark, tasks, (t, c, attempt) -> MsExporter.run(t, c), (part, results, done) -> {
            for (int i = 0; i < part.size(); i++) {
                MsExporter.Result r = results.get(i);
                if (r.error() != null) {
                    failures.add(part.get(i).uri() + ": " + r.error());
                } else {
                    written.add(part.get(i).target());
                    rowsBytes[0] += r.rows();
                    rowsBytes[1] += r.bytes();
                }
            }
            console.printf(Locale.ROOT, "export-ms: %d/%d MS done, %d failed, %d rows, %.1f MB%n", done, tasks.size(),
                    failures.size(), rowsBytes[0], rowsBytes[1] / 1e6);
        });
        return new Summary(ids.size(), written, failures, rowsBytes[0], rowsBytes[1], (System.nanoTime() - t0) / 1e9);
    }

    /** The output directory as a local path, created if missing; a clear error when it is not usable. */
    static Path outputDirectory(String output) throws IOException {
        Path dir;
        if (output.matches("^[A-Za-z][A-Za-z0-9+.-]*:/.*")) {
            URI uri = URI.create(output);
            if (!"file".equals(uri.getScheme())) {
                throw new IllegalArgumentException("--output " + output + ": export-ms writes MS to a local or shared"
                        + " POSIX directory (for CASA and wsclean), not to " + uri.getScheme() + "://");
            }
            dir = Path.of(uri);
        } else {
            dir = Path.of(output);
        }
        dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("--output " + dir + ": cannot create the directory (" + e + ")", e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("--output " + dir + ": the directory is not writable");
        }
        return dir;
    }

    private static List<Long> select(SparkSession spark, Options o, Catalogue catalogue) {
        if (o.msId() != null) {
            CatalogueEntry e = catalogue.get(o.msId());
            if (e == null) {
                throw new IllegalArgumentException("--ms " + o.msId() + ": no MS with this ms_id in the lake");
            }
            if (!e.isConverted()) {
                throw new IllegalArgumentException("--ms " + o.msId() + " (" + e.uri() + ") failed to convert: "
                        + e.error());
            }
            return List.of(o.msId());
        }
        return MsSelection.converted(spark, catalogue, o.where());
    }

    /** The directory name of the MS at {@code uri}. */
    static String msName(String uri) {
        String u = uri.replaceAll("/+$", "");
        return u.substring(u.lastIndexOf('/') + 1);
    }
}
