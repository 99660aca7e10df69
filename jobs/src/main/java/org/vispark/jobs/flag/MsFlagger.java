package org.vispark.jobs.flag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.vispark.jobs.lake.MsRows;
import org.vispark.jobs.lake.NewVersions;
import org.vispark.jobs.lake.StagedFile;
import org.vispark.jobs.lake.VisRecords;
import org.vispark.jobs.lake.VisibilityRewriter;
import org.vispark.udfs.flag.RfiFlagger;
import org.vispark.udfs.vis.PackedCells;

/**
 * Runs one {@link FlagTask} in a Spark task, file by file: a first pass reads the judged column and FLAG of the
 * file's rows (sorted by baseline and time, so each baseline's time-frequency planes arrive together), flags each
 * (baseline, spectral window) plane with {@link RfiFlagger} and keeps the FLAG cell of every row; the new version
 * is the file with those cells as its FLAG column, its other columns' chunks copied as they are
 * ({@link VisibilityRewriter#replaceColumns}). FLAG_ROW counts as every
 * value of its row flagged. Rows without the judged column keep their flags. Memory: one plane, and one packed FLAG
 * cell per row of the file.
 *
 * <p>A baseline whose rows an MS split across several files (row ranges of one large MS) is flagged per file, on
 * the times each holds.
 */
final class MsFlagger {
    private MsFlagger() {}

    /**
     * The MS (or the part of its files a task took) and its versions read and written; staged files, counts and
     * statistics, or the reason it failed.
     */
    record Result(String error, long msId, long fromConversion, long newConversion, String column, long rows,
            long judged, long newlyFlagged, FlagStats stats, List<StagedFile> files, double seconds)
            implements NewVersions.Result {

        @Override
        public Result join(NewVersions.Result next) {
            Result n = (Result) next;
            return new Result(null, msId, fromConversion, newConversion, column, rows + n.rows, judged + n.judged,
                    newlyFlagged + n.newlyFlagged, stats.plus(n.stats), StagedFile.concat(files, n.files),
                    seconds + n.seconds);
        }

        /** An MS with nothing to judge fails. */
        @Override
        public Result whole() {
            if (judged > 0) {
                return this;
            }
            String why = stats.values() == 0 ? "no " + column.toUpperCase(Locale.ROOT) + " to flag"
                    : "all " + stats.values() + " values are already flagged: nothing to judge";
            return new Result(why, msId, fromConversion, newConversion, column, 0, 0, 0, stats, List.of(), seconds);
        }
    }

    /** One row of a plane: its index in the file, time, antennas and cells. */
    private record PlaneRow(int index, double time_mjdSec, int antenna1, int antenna2, int spw, int numChan,
            int numPol, byte[] vis, boolean[] flags) {}

    private record WindowKey(int spw, int numChan, int numPol) {}

    static Result run(FlagTask t, Configuration conf, String attemptDir) {
        long t0 = System.nanoTime();
        try {
            RfiFlagger flagger = new RfiFlagger(t.settings());
            FlagStats stats = new FlagStats();
            long[] counts = new long[2]; // values judged, newly flagged
            List<StagedFile> staged = new ArrayList<>();
            Path staging = new Path(t.layout().stagingDir(t.runId()), attemptDir);
            for (String file : t.files()) {
                List<byte[]> flags = flagFile(t, file, conf, flagger, stats, counts);
                staged.add(VisibilityRewriter.replaceColumns(t.layout(), t.msId(), t.newConversion(), file,
                        List.of("flag"), staging, t.codec(), conf, (row, columns) -> {
                            byte[] f = flags.get((int) row);
                            columns.put("flag", f == null ? null : ByteBuffer.wrap(f));
                        }));
            }
            return new Result(null, t.msId(), t.conversion(), t.newConversion(), t.column(),
                    staged.stream().mapToLong(StagedFile::rows).sum(), counts[0], counts[1], stats, staged,
                    seconds(t0));
        } catch (IOException | RuntimeException e) {
            return new Result(e.getMessage() == null ? e.toString() : e.getMessage(), t.msId(), t.conversion(),
                    t.newConversion(), t.column(), 0, 0, 0, null, List.of(), seconds(t0));
        }
    }

    /** The first pass over one file: the FLAG cell of each row, new or as it was, in file order (null: none). */
    private static List<byte[]> flagFile(FlagTask t, String file, Configuration conf, RfiFlagger flagger,
            FlagStats stats, long[] counts) throws IOException {
        List<byte[]> out = new ArrayList<>();
        List<PlaneRow> baseline = new ArrayList<>();
        int[] current = {Integer.MIN_VALUE};
        MsRows.forEach(t.layout(), List.of(file), conf, List.of("baseline", "antenna1", "antenna2", "time", "spw",
                "num_chan", "num_pol", "flag_row", "flag", t.column()), r -> {
                    int bl = VisRecords.integer(r, "baseline");
                    if (bl != current[0]) {
                        if (bl < current[0]) {
                            throw new IllegalStateException(file + " is not sorted by baseline (baseline " + bl
                                    + " after " + current[0] + " at row " + out.size() + "), so its time-frequency"
                                    + " planes would be cut short: convert the MS again (an older convert wrote an MS"
                                    + " larger than its sort buffer as several sorted runs)");
                        }
                        flagBaseline(baseline, flagger, out, stats, counts);
                        baseline.clear();
                        current[0] = bl;
                    }
                    int index = out.size();
                    byte[] flagCell = VisRecords.cell(r, "flag");
                    out.add(flagCell); // kept unless the row's plane is judged
                    byte[] vis = VisRecords.cell(r, t.column());
                    if (vis == null) {
                        return;
                    }
                    int numChan = VisRecords.integer(r, "num_chan");
                    int numPol = VisRecords.integer(r, "num_pol");
                    int values = numChan * numPol;
                    if (vis.length != PackedCells.complexBytes(values)) {
                        throw new IllegalArgumentException("row " + index + " of " + file + ": " + t.column()
                                + " cell of " + vis.length + " bytes, not " + numChan + " x " + numPol + " values");
                    }
                    boolean[] flags = flagCell == null ? new boolean[values]
                            : PackedCells.unpackFlags(flagCell, values);
                    if (VisRecords.rowFlagged(r)) {
                        Arrays.fill(flags, true);
                    }
                    baseline.add(new PlaneRow(index, VisRecords.time(r), VisRecords.integer(r, "antenna1"),
                            VisRecords.integer(r, "antenna2"), VisRecords.integer(r, "spw"), numChan, numPol, vis,
                            flags));
                });
        flagBaseline(baseline, flagger, out, stats, counts);
        return out;
    }

    /** Flags the planes (one per spectral window and shape) of one baseline's rows, in time order. */
    private static void flagBaseline(List<PlaneRow> rows, RfiFlagger flagger, List<byte[]> out, FlagStats stats,
            long[] counts) {
        Map<WindowKey, List<PlaneRow>> planes = new LinkedHashMap<>();
        for (PlaneRow r : rows) {
            planes.computeIfAbsent(new WindowKey(r.spw(), r.numChan(), r.numPol()), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<WindowKey, List<PlaneRow>> e : planes.entrySet()) {
            List<PlaneRow> plane = new ArrayList<>(e.getValue());
            plane.sort(Comparator.comparingDouble(PlaneRow::time_mjdSec));
            WindowKey w = e.getKey();
            int n = plane.size();
            float[][] vis = new float[n][];
            boolean[][] flags = new boolean[n][];
            boolean[][] before = new boolean[n][];
            for (int i = 0; i < n; i++) {
                vis[i] = PackedCells.unpackFloats(plane.get(i).vis());
                flags[i] = plane.get(i).flags();
                before[i] = flags[i].clone();
                for (boolean f : before[i]) {
                    counts[0] += f ? 0 : 1;
                }
            }
            counts[1] += flagger.flag(vis, flags, w.numChan(), w.numPol());
            for (int i = 0; i < n; i++) {
                PlaneRow r = plane.get(i);
                stats.add(r.antenna1(), r.antenna2(), r.spw(), r.time_mjdSec(), w.numChan(), w.numPol(), before[i],
                        flags[i]);
                out.set(r.index(), PackedCells.packFlags(flags[i], 0, flags[i].length));
            }
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
