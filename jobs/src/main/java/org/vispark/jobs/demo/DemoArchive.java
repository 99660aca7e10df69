package org.vispark.jobs.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.vispark.formats.ms.Antenna;
import org.vispark.udfs.astro.ApparentPlace;
import org.vispark.udfs.astro.MeridianPhaseCentre;
import org.vispark.udfs.astro.ObservationTime;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.SiderealTime;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.sky.PrimaryBeam;
import org.vispark.udfs.sky.SkyComponent;

/**
 * The demo archive: a small DSA-110-like set of drift-scan MS around daily transits of the calibrator 0834+555
 * (from 2026-01-15), written by {@link MsSimulator} with one set of {@link DemoGains}. Each day:
 * <ul>
 *   <li>{@code <day>_0834+555.ms}: the dishes point 54.7 arcmin south of the calibrator (in apparent declination).
 *       On even days (the first is day 0) the MS is phased to the meridian at transit, as DSA-110 writes it, and
 *       not rephased: the incident. On odd days it is already phased to the calibrator.</li>
 *   <li>{@code <day>_target_<i>.ms}: target drift scans 15, 30, ... minutes after the transit, phased to the
 *       meridian, with two faint sources (and the calibrator further out in the beam).</li>
 * </ul>
 * Everything is XX/YY, 64 channels over 1.31-1.50 GHz, 12.88 s integrations.
 */
public final class DemoArchive {
    /** 0834+555 (VLA calibrator list, J2000), the flux conf/calibrators.csv gives at 1.4 GHz. */
    static final SkyComponent CALIBRATOR = SkyComponent.point("0834+555", Math.toRadians(128.72875),
            Math.toRadians(55.5725), 8.8, 1.4e9, 0);
    private static final double DAY1_MJD = 61055; // 2026-01-15
    private static final double INTEGRATION_S = 12.88;
    private static final double POINTING_OFFSET_RAD = Math.toRadians(54.7 / 60);
    private static final double EARTH_RATE_RAD_PER_S = 7.292115e-5;
    private static final long MJD_OF_UNIX_EPOCH = 40587;
    private static final double TARGET_SPACING_S = 900;
    /**
     * Antenna spacing along the arms: 100 m puts 24 antennas on arms of about 1.2 km, baselines like DSA-110's
     * (up to ~2.5 km), so an uncalibrated data-peak search is not dominated by the antenna delays.
     */
    private static final double ARRAY_SPACING_M = 100;

    /**
     * Sizes of the demo archive: {@code days} calibrator transits, each followed by {@code targetsPerDay} target
     * scans; every MS has {@code antennas} antennas, {@code channels} channels and {@code integrations}
     * integrations.
     */
    public record Size(int days, int targetsPerDay, int antennas, int channels, int integrations) {
        public Size {
            if (days < 1 || targetsPerDay < 0 || antennas < 3 || channels < 1 || integrations < 1) {
                throw new IllegalArgumentException("a demo archive needs >= 1 day, >= 0 targets a day, >= 3 antennas,"
                        + " >= 1 channel and >= 1 integration");
            }
        }

        /** The default: 2 days, 2 targets a day; 24 antennas, 64 channels, 24 integrations (5.2 minutes) per MS. */
        public static Size standard() {
            return new Size(2, 2, 24, 64, 24);
        }

        /** Number of MS. */
        public int measurementSets() {
            return days * (1 + targetsPerDay);
        }
    }

    private DemoArchive() {}

    /**
     * Writes the demo MS into the new directory {@code dir}, built as {@code dir.partial} (deleted first if a
     * crash left one) and renamed when complete; returns the MS paths.
     */
    public static List<Path> write(Path dir, Size size, DemoGains.Spec gainSpec, long seed, PrintStream console)
            throws IOException {
        return writeNew(dir, partial -> writeInto(partial, size, gainSpec, seed, console));
    }

    /** What writes an archive's files into a directory, returning their paths. */
    interface ArchiveWriter {
        List<Path> writeInto(Path dir) throws IOException;
    }

    /**
     * Has {@code writer} fill the new directory {@code dir}, built as {@code dir.partial} (deleted first if a crash
     * left one) and renamed when complete; returns the written paths as they are in {@code dir}.
     */
    static List<Path> writeNew(Path dir, ArchiveWriter writer) throws IOException {
        if (Files.exists(dir)) {
            throw new IOException(dir + " exists; the demo archive is written into a new directory");
        }
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        deleteTree(partial);
        Files.createDirectories(partial);
        List<Path> written = writer.writeInto(partial);
        Files.move(partial, dir);
        return written.stream().map(p -> dir.resolve(p.getFileName())).toList();
    }

    private static List<Path> writeInto(Path dir, Size size, DemoGains.Spec gainSpec, long seed, PrintStream console)
            throws IOException {
        double f0_hz = 1.311e9;
        double df_hz = (1.499e9 - f0_hz) / size.channels();
        double[] freq_hz = new double[size.channels()];
        for (int c = 0; c < freq_hz.length; c++) {
            freq_hz[c] = f0_hz + (c + 0.5) * df_hz;
        }
        MsSimulator simulator = simulator(size, freq_hz, gainSpec, seed);
        List<SimulatedObservation> observations = observations(size);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            SimulatedObservation o = observations.get(i);
            Path ms = dir.resolve(o.msName());
            simulator.write(ms, o, seed + 1 + i);
            double sep = Math.toDegrees(Spherical.separation_rad(o.phaseCentre().ra_rad(), o.phaseCentre().dec_rad(),
                    CALIBRATOR.ra_rad(), CALIBRATOR.dec_rad())) * 60;
            console.printf(Locale.ROOT, "demo: wrote %s (%s, phase centre %.1f arcmin from 0834+555)%n",
                    o.msName(), o.fieldName(), sep);
            written.add(ms);
        }
        return written;
    }

    /** The simulator of the demo array ({@code size.antennas()}) at {@code freq_hz}, with gains drawn from {@code seed}. */
    static MsSimulator simulator(Size size, double[] freq_hz, DemoGains.Spec gainSpec, long seed) {
        double transit0 = transit_mjdSec(CALIBRATOR, DAY1_MJD * 86400);
        DemoGains gains = new DemoGains(size.antennas(), 2, gainSpec, seed, freq_hz[freq_hz.length / 2], transit0);
        return new MsSimulator(antennas(size), freq_hz, gains, 0.5, PrimaryBeam.dsa110());
    }

    /** The antennas of the demo array of {@code size}. */
    static List<Antenna> antennas(Size size) {
        return DemoArray.antennas(size.antennas(), ARRAY_SPACING_M);
    }

    /** The observations of the archive, in time order: each day's transit of 0834+555, then its targets. */
    static List<SimulatedObservation> observations(Size size) {
        double half_s = size.integrations() * INTEGRATION_S / 2;
        List<SimulatedObservation> observations = new ArrayList<>();
        for (int d = 0; d < size.days(); d++) {
            double transit = transit_mjdSec(CALIBRATOR, (DAY1_MJD + d) * 86400);
            RaDec pointing = meridian(transit);
            boolean phasedToCalibrator = d % 2 == 1;
            observations.add(new SimulatedObservation(day(transit) + "_0834+555.ms",
                    phasedToCalibrator ? "0834+555" : "drift_0834+555", transit - half_s, size.integrations(),
                    INTEGRATION_S, phasedToCalibrator ? RaDec.j2000(CALIBRATOR.ra_rad(), CALIBRATOR.dec_rad())
                            : pointing, pointing, List.of(CALIBRATOR)));
            for (int i = 1; i <= size.targetsPerDay(); i++) {
                double mid = transit + i * TARGET_SPACING_S;
                RaDec centre = meridian(mid);
                List<SkyComponent> sky = List.of(CALIBRATOR,
                        SkyComponent.point("target_" + i + "a", centre.ra_rad() + Math.toRadians(0.15),
                                centre.dec_rad() + Math.toRadians(0.1), 1.5, 1.4e9, -0.7),
                        SkyComponent.point("target_" + i + "b", centre.ra_rad() - Math.toRadians(0.3),
                                centre.dec_rad() - Math.toRadians(0.2), 0.8, 1.4e9, -0.7));
                observations.add(new SimulatedObservation(day(transit) + "_target_" + i + ".ms", "drift_target_" + i,
                        mid - half_s, size.integrations(), INTEGRATION_S, centre, centre, sky));
            }
        }
        return observations;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The J2000 direction of the meridian at {@code mjdSec}, 54.7 arcmin south of 0834+555's apparent declination. */
    private static RaDec meridian(double mjdSec) {
        return MeridianPhaseCentre.j2000(ObservationTime.ofMjdSecUtc(mjdSec), DemoArray.LON_RAD, pointingDec_rad(mjdSec));
    }

    /**
     * The apparent (of date) declination the dishes point at, {@code mjdSec} MJD seconds (UTC): 54.7 arcmin south
     * of 0834+555's, as in the incident.
     */
    static double pointingDec_rad(double mjdSec) {
        ObservationTime t = ObservationTime.ofMjdSecUtc(mjdSec);
        return ApparentPlace.toApparent(RaDec.j2000(CALIBRATOR.ra_rad(), CALIBRATOR.dec_rad()), t).dec_rad()
                - POINTING_OFFSET_RAD;
    }

    /** The transit (hour angle 0 at OVRO) of {@code source} after {@code fromMjdSec}, MJD seconds (UTC). */
    static double transit_mjdSec(SkyComponent source, double fromMjdSec) {
        double t = fromMjdSec;
        for (int i = 0; i < 4; i++) {
            ObservationTime time = ObservationTime.ofMjdSecUtc(t);
            RaDec app = ApparentPlace.toApparent(RaDec.j2000(source.ra_rad(), source.dec_rad()), time);
            double ha = Spherical.normalizeRa(SiderealTime.localApparent_rad(time, DemoArray.LON_RAD) - app.ra_rad());
            // first step: forward to the next transit; then corrections of either sign
            double step_rad = i == 0 ? (2 * Math.PI - ha) % (2 * Math.PI) : (ha > Math.PI ? 2 * Math.PI - ha : -ha);
            t += step_rad / EARTH_RATE_RAD_PER_S;
        }
        return t;
    }

    private static String day(double mjdSec) {
        return LocalDate.ofEpochDay((long) Math.floor(mjdSec / 86400) - MJD_OF_UNIX_EPOCH).toString();
    }
}
