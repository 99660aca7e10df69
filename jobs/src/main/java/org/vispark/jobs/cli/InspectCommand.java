package org.vispark.jobs.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.vispark.formats.casacore.ColumnDesc;
import org.vispark.formats.casacore.Table;
import org.vispark.formats.ms.Antenna;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.MeasurementSet;
import org.vispark.formats.ms.Polarization;
import org.vispark.formats.ms.SpectralWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code vispark inspect MS...}: what is in each Measurement Set, read with the pure-Java reader. An
 * MS (or one of its subtables) that cannot be read is reported and the others are still inspected;
 * the exit status is 1 when any failed.
 */
@Command(name = "inspect", description = "Print rows, time range, antennas, spectral windows, polarizations, "
        + "fields and main-table columns of Measurement Sets.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "MS", description = "Measurement Set directories")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        int failed = 0;
        for (Path p : paths) {
            out.println("== " + p);
            try (MeasurementSet ms = MeasurementSet.open(p)) {
                failed += print(ms, out);
            } catch (IOException | RuntimeException e) {
                out.println("  ERROR: " + e.getMessage());
                failed++;
            }
        }
        if (failed > 0) {
            System.err.println(failed + " part(s) could not be read; see ERROR lines above");
        }
        return failed > 0 ? 1 : 0;
    }

    /** Prints one MS; returns how many of its sections failed. */
    private int print(MeasurementSet ms, PrintStream out) {
        Table main = ms.main();
        int failed = 0;
        out.printf("  rows: %d%n", main.rowCount());
        failed += section(out, "time range", () -> {
            double[] tr = ms.timeRangeMjdSec();
            out.println(tr == null ? "  time range: (no rows)"
                    : String.format("  time range: %s .. %s UTC (%.1f s)", Sexagesimal.utc(tr[0]),
                            Sexagesimal.utc(tr[1]), tr[1] - tr[0]));
        });
        failed += section(out, "OBSERVATION", () -> ms.observations().forEach(o ->
                out.printf("  telescope: %s  observer: %s  project: %s%n", o.telescope(), o.observer(), o.project())));
        failed += section(out, "ANTENNA", () -> {
            List<Antenna> ants = ms.antennas();
            out.printf("  antennas: %d%s%n", ants.size(), ants.isEmpty() ? ""
                    : String.format(" (%s .. %s, dish %.2f m)", ants.get(0).name(), ants.get(ants.size() - 1).name(),
                            ants.get(0).dishDiameter_m()));
        });
        failed += section(out, "SPECTRAL_WINDOW", () -> {
            List<SpectralWindow> spws = ms.spectralWindows();
            out.printf("  spectral windows: %d%n", spws.size());
            for (SpectralWindow s : spws) {
                double[] f = s.chanFreq_hz();
                double lo = Arrays.stream(f).min().orElse(Double.NaN);
                double hi = Arrays.stream(f).max().orElse(Double.NaN);
                out.printf("    spw %d %-10s %5d channels  %.6f .. %.6f MHz  (%s)%n", s.id(), quote(s.name()),
                        s.channelCount(), lo / 1e6, hi / 1e6, s.frequencyFrame());
            }
        });
        failed += section(out, "POLARIZATION", () -> {
            for (Polarization p : ms.polarizations()) {
                out.printf("  polarization %d: %s%n", p.id(), String.join(" ", p.corrNames()));
            }
        });
        failed += section(out, "FIELD", () -> {
            List<Field> fields = ms.fields();
            out.printf("  fields: %d%n", fields.size());
            for (Field f : fields) {
                out.printf("    field %d %-16s phase centre %s %11.6f %+10.6f deg = %s %s%n", f.id(), quote(f.name()),
                        f.phaseDir().frame(), raDeg(f.phaseDir().lonDeg()), f.phaseDir().latDeg(),
                        Sexagesimal.hours(f.phaseDir().lon_rad()), Sexagesimal.degrees(f.phaseDir().lat_rad()));
            }
        });
        out.println("  main-table columns (variable shapes: the shape of row 0):");
        for (String c : main.columnNames()) {
            ColumnDesc d = main.columnDesc(c);
            String[] shape = {"scalar"};
            if (d.isArray()) {
                shape[0] = d.isFixedShape() ? Arrays.toString(d.shape()) : "variable (ndim " + d.ndim() + ")";
            }
            if (d.isArray() && !d.isFixedShape() && main.rowCount() > 0) {
                failed += section(out, c, () -> {
                    int[] first = main.column(c).shape(0);
                    shape[0] = "variable " + (first == null ? "(row 0 undefined)" : Arrays.toString(first));
                });
            }
            out.printf("    %-18s %-8s %-22s %s%n", c, d.dataType(), shape[0], main.dataManagerType(c));
        }
        return failed;
    }

    /** A longitude in degrees wrapped into [0, 360). */
    private static double raDeg(double lonDeg) {
        double d = lonDeg % 360.0;
        return d < 0 ? d + 360.0 : d;
    }

    private static String quote(String s) {
        return s.isEmpty() ? "''" : s;
    }

    private interface Section {
        void print() throws IOException;
    }

    private static int section(PrintStream out, String name, Section s) {
        try {
            s.print();
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("  ERROR (" + name + "): " + e.getMessage());
            return 1;
        }
    }
}
