package org.vispark.formats.ms;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.casacore.TableColumn;
import org.vispark.formats.casacore.TableFormatException;

/**
 * A Measurement Set (MS v2) opened read-only: the main table and typed views of its subtables.
 *
 * <p>Conventions: times are MJD seconds (UTC), frequencies Hz, directions radians with their frame
 * named (FIELD directions are usually J2000; UVW of the main table are metres in the frame of the
 * row's phase centre, antenna2 − antenna1), antenna positions ITRF metres. Values are converted to
 * these units from the columns' QuantumUnits keywords where those say otherwise. Subtables are read
 * on first use; a missing or damaged subtable gives a {@link TableFormatException} naming it, and
 * does not stop the others from being read.
 */
public final class MeasurementSet implements Closeable {
    private static final String[] FREQUENCY_FRAMES = {"REST", "LSRK", "LSRD", "BARY", "GEO", "TOPO", "GALACTO",
        "LGROUP", "CMB"};

    private final Table main;

    private MeasurementSet(Table main) {
        this.main = main;
    }

    /** Opens the MS in directory {@code dir}; fails if it is not a casacore table with the MS main columns. */
    public static MeasurementSet open(Path dir) throws IOException {
        Table t = Table.open(dir);
        for (String required : new String[] {"TIME", "ANTENNA1", "ANTENNA2", "UVW", "DATA_DESC_ID", "FIELD_ID"}) {
            if (!t.hasColumn(required)) {
                t.close();
                throw new TableFormatException(dir, "is a casacore table but not a Measurement Set: no " + required
                        + " column");
            }
        }
        return new MeasurementSet(t);
    }

    public Path path() {
        return main.path();
    }

    /** The main table. */
    public Table main() {
        return main;
    }

    /** Opens a subtable by name (ANTENNA, FIELD, ...); the caller closes it. */
    public Table subtable(String name) throws IOException {
        return main.subtable(name);
    }

    /** Whether the MS keywords name a subtable (it may still be missing on disk). */
    public boolean hasSubtable(String name) {
        return main.subtableKeywords().contains(name);
    }

    public List<Antenna> antennas() throws IOException {
        try (Table t = subtable("ANTENNA")) {
            int n = rows(t);
            String[] names = (String[]) t.column("NAME").read(0, n);
            String[] stations = (String[]) t.column("STATION").read(0, n);
            double[] pos = (double[]) t.column("POSITION").read(0, n);
            double posScale = ColumnUnits.toSi(t, "POSITION");
            double[] dish = (double[]) t.column("DISH_DIAMETER").read(0, n);
            double dishScale = ColumnUnits.toSi(t, "DISH_DIAMETER");
            String[] mounts = (String[]) t.column("MOUNT").read(0, n);
            boolean[] flags = (boolean[]) t.column("FLAG_ROW").read(0, n);
            List<Antenna> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double[] xyz = {pos[3 * i] * posScale, pos[3 * i + 1] * posScale, pos[3 * i + 2] * posScale};
                out.add(new Antenna(i, names[i], stations[i], xyz, dish[i] * dishScale, mounts[i], flags[i]));
            }
            return out;
        }
    }

    public List<Field> fields() throws IOException {
        try (Table t = subtable("FIELD")) {
            int n = rows(t);
            String[] names = (String[]) t.column("NAME").read(0, n);
            String[] codes = (String[]) t.column("CODE").read(0, n);
            double[] times = (double[]) t.column("TIME").read(0, n);
            double timeScale = ColumnUnits.toSi(t, "TIME");
            int[] sources = (int[]) t.column("SOURCE_ID").read(0, n);
            List<Field> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new Field(i, names[i], codes[i], direction(t, "PHASE_DIR", i), direction(t, "DELAY_DIR", i),
                        direction(t, "REFERENCE_DIR", i), times[i] * timeScale, sources[i]));
            }
            return out;
        }
    }

    /** The zeroth polynomial term of a FIELD direction column ([2, NUM_POLY+1] per row). */
    private static Direction direction(Table t, String column, int row) throws IOException {
        TableColumn c = t.column(column);
        if (c.shape(row) == null) {
            throw new TableFormatException(t.path(), column + " row " + row + " is undefined");
        }
        double[] v = (double[]) c.read(row, 1);
        double scale = ColumnUnits.toSi(t, column);
        return new Direction(v[0] * scale, v[1] * scale, ColumnUnits.frame(t, column, row, "J2000"));
    }

    public List<SpectralWindow> spectralWindows() throws IOException {
        try (Table t = subtable("SPECTRAL_WINDOW")) {
            int n = rows(t);
            String[] names = (String[]) t.column("NAME").read(0, n);
            double[] ref = (double[]) t.column("REF_FREQUENCY").read(0, n);
            double[] total = (double[]) t.column("TOTAL_BANDWIDTH").read(0, n);
            int[] frames = (int[]) t.column("MEAS_FREQ_REF").read(0, n);
            double freqScale = ColumnUnits.toSi(t, "CHAN_FREQ");
            double widthScale = ColumnUnits.toSi(t, "CHAN_WIDTH");
            double refScale = ColumnUnits.toSi(t, "REF_FREQUENCY");
            double totalScale = ColumnUnits.toSi(t, "TOTAL_BANDWIDTH");
            TableColumn chanFreq = t.column("CHAN_FREQ");
            TableColumn chanWidth = t.column("CHAN_WIDTH");
            List<SpectralWindow> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double[] f = chanFreq.shape(i) == null ? new double[0] : scaled((double[]) chanFreq.read(i, 1), freqScale);
                double[] w = chanWidth.shape(i) == null ? new double[0] : scaled((double[]) chanWidth.read(i, 1), widthScale);
                String frame = frames[i] >= 0 && frames[i] < FREQUENCY_FRAMES.length ? FREQUENCY_FRAMES[frames[i]]
                        : "code " + frames[i];
                out.add(new SpectralWindow(i, names[i], f, w, ref[i] * refScale, total[i] * totalScale, frame));
            }
            return out;
        }
    }

    public List<Polarization> polarizations() throws IOException {
        try (Table t = subtable("POLARIZATION")) {
            int n = rows(t);
            TableColumn corr = t.column("CORR_TYPE");
            List<Polarization> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int[] types = corr.shape(i) == null ? new int[0] : (int[]) corr.read(i, 1);
                String[] names = new String[types.length];
                for (int k = 0; k < types.length; k++) {
                    names[k] = Polarization.stokesName(types[k]);
                }
                out.add(new Polarization(i, types, names));
            }
            return out;
        }
    }

    public List<DataDescription> dataDescriptions() throws IOException {
        try (Table t = subtable("DATA_DESCRIPTION")) {
            int n = rows(t);
            int[] spw = (int[]) t.column("SPECTRAL_WINDOW_ID").read(0, n);
            int[] pol = (int[]) t.column("POLARIZATION_ID").read(0, n);
            List<DataDescription> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new DataDescription(i, spw[i], pol[i]));
            }
            return out;
        }
    }

    public List<Observation> observations() throws IOException {
        try (Table t = subtable("OBSERVATION")) {
            int n = rows(t);
            String[] tel = (String[]) t.column("TELESCOPE_NAME").read(0, n);
            String[] observer = (String[]) t.column("OBSERVER").read(0, n);
            String[] project = (String[]) t.column("PROJECT").read(0, n);
            TableColumn range = t.column("TIME_RANGE");
            double scale = ColumnUnits.toSi(t, "TIME_RANGE");
            List<Observation> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double[] r = range.shape(i) == null ? new double[0] : scaled((double[]) range.read(i, 1), scale);
                out.add(new Observation(i, tel[i], observer[i], project[i], r));
            }
            return out;
        }
    }

    /** Rows of the SOURCE subtable; empty when the MS has none. */
    public List<Source> sources() throws IOException {
        if (!hasSubtable("SOURCE")) {
            return List.of();
        }
        try (Table t = subtable("SOURCE")) {
            int n = rows(t);
            int[] ids = (int[]) t.column("SOURCE_ID").read(0, n);
            String[] names = (String[]) t.column("NAME").read(0, n);
            double[] times = (double[]) t.column("TIME").read(0, n);
            double timeScale = ColumnUnits.toSi(t, "TIME");
            int[] spws = (int[]) t.column("SPECTRAL_WINDOW_ID").read(0, n);
            TableColumn dirColumn = t.column("DIRECTION");
            double dirScale = ColumnUnits.toSi(t, "DIRECTION");
            List<Source> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double[] d = (double[]) dirColumn.read(i, 1);
                Direction dir = new Direction(d[0] * dirScale, d[1] * dirScale,
                        ColumnUnits.frame(t, "DIRECTION", i, "J2000"));
                out.add(new Source(ids[i], names[i], dir, times[i] * timeScale, spws[i]));
            }
            return out;
        }
    }

    /** Rows of the STATE subtable; empty when the MS has none. */
    public List<State> states() throws IOException {
        if (!hasSubtable("STATE")) {
            return List.of();
        }
        try (Table t = subtable("STATE")) {
            int n = rows(t);
            String[] modes = (String[]) t.column("OBS_MODE").read(0, n);
            boolean[] sig = (boolean[]) t.column("SIG").read(0, n);
            boolean[] ref = (boolean[]) t.column("REF").read(0, n);
            int[] sub = (int[]) t.column("SUB_SCAN").read(0, n);
            List<State> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new State(i, modes[i], sig[i], ref[i], sub[i]));
            }
            return out;
        }
    }

    /**
     * Earliest and latest TIME of the main table, MJD seconds (UTC), read in bounded chunks;
     * {@code null} for an MS without rows.
     */
    public double[] timeRangeMjdSec() throws IOException {
        long n = main.rowCount();
        if (n == 0) {
            return null;
        }
        TableColumn time = main.column("TIME");
        double scale = ColumnUnits.toSi(main, "TIME");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int chunk = 1 << 16;
        for (long r = 0; r < n; r += chunk) {
            double[] t = (double[]) time.read(r, (int) Math.min(chunk, n - r));
            for (double v : t) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] {lo * scale, hi * scale};
    }

    private static int rows(Table t) throws TableFormatException {
        if (t.rowCount() > Integer.MAX_VALUE) {
            throw new TableFormatException(t.path(), "subtable has " + t.rowCount() + " rows");
        }
        return (int) t.rowCount();
    }

    private static double[] scaled(double[] v, double scale) {
        if (scale != 1) {
            for (int i = 0; i < v.length; i++) {
                v[i] *= scale;
            }
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        main.close();
    }
}
