package org.vispark.jobs.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vispark.udfs.astro.ApparentPlace;
import org.vispark.udfs.astro.MeridianPhaseCentre;
import org.vispark.udfs.astro.ObservationTime;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.SiderealTime;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.sky.PrimaryBeam;
import org.vispark.udfs.sky.SkyComponent;

/**
 * The demo archive: a small DSA-110-like set of drift-scan MS around a transit of the calibrator 0834+555,
 * written by {@link MsSimulator} with one set of {@link DemoGains}.
 * <ul>
 *   <li>{@code <day1>_0834+555.ms}: the incident. The dishes point 54.7 arcmin south of the calibrator (in
 *       apparent declination) and the MS is phased to the meridian at transit, as DSA-110 writes it; nobody
 *       rephased it.</li>
 *   <li>{@code <day2>_0834+555.ms}: the same geometry a day later, already phased to the calibrator.</li>
 *   <li>{@code <day1>_target_1.ms}, {@code _2}: two target drift scans 15 and 30 minutes after the transit,
 *       phased to the meridian, with faint sources (and the calibrator far out in the beam).</li>
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

    /** Sizes of the demo MS. */
    public record Size(int antennas, int channels, int integrations) {
        /** The default: 24 antennas, 64 channels, 24 integrations (5.2 minutes) per MS. */
        public static Size standard() {
            return new Size(24, 64, 24);
        }
    }

    private DemoArchive() {}

    /** Writes the demo MS into {@code dir} (created; must hold no MS of the same names); returns their paths. */
    public static List<Path> write(Path dir, Size size, DemoGains.Spec gainSpec, long seed, PrintStream console)
            throws IOException {
        Files.createDirectories(dir);
        double f0_hz = 1.311e9;
        double df_hz = (1.499e9 - f0_hz) / size.channels();
        double[] freq_hz = new double[size.channels()];
        for (int c = 0; c < freq_hz.length; c++) {
            freq_hz[c] = f0_hz + (c + 0.5) * df_hz;
        }
        double transit1 = transit_mjdSec(CALIBRATOR, DAY1_MJD * 86400);
        double transit2 = transit_mjdSec(CALIBRATOR, (DAY1_MJD + 1) * 86400);
        DemoGains gains = new DemoGains(size.antennas(), 2, gainSpec, seed, freq_hz[freq_hz.length / 2], transit1);
        MsSimulator simulator = new MsSimulator(DemoArray.antennas(size.antennas(), 11.0), freq_hz, gains, 0.5,
                PrimaryBeam.dsa110());
        double half_s = size.integrations() * INTEGRATION_S / 2;
        List<SimulatedObservation> observations = new ArrayList<>();
        RaDec pointing1 = meridian(transit1);
        observations.add(new SimulatedObservation(day(transit1) + "_0834+555.ms", "drift_0834+555",
                transit1 - half_s, size.integrations(), INTEGRATION_S, pointing1, pointing1, List.of(CALIBRATOR)));
        RaDec pointing2 = meridian(transit2);
        observations.add(new SimulatedObservation(day(transit2) + "_0834+555.ms", "0834+555",
                transit2 - half_s, size.integrations(), INTEGRATION_S,
                RaDec.j2000(CALIBRATOR.ra_rad(), CALIBRATOR.dec_rad()), pointing2, List.of(CALIBRATOR)));
        for (int i = 1; i <= 2; i++) {
            double mid = transit1 + i * 900;
            RaDec centre = meridian(mid);
            List<SkyComponent> sky = List.of(CALIBRATOR,
                    SkyComponent.point("target_" + i + "a", centre.ra_rad() + Math.toRadians(0.15), centre.dec_rad()
                            + Math.toRadians(0.1), 1.5, 1.4e9, -0.7),
                    SkyComponent.point("target_" + i + "b", centre.ra_rad() - Math.toRadians(0.3), centre.dec_rad()
                            - Math.toRadians(0.2), 0.8, 1.4e9, -0.7));
            observations.add(new SimulatedObservation(day(transit1) + "_target_" + i + ".ms", "drift_target_" + i,
                    mid - half_s, size.integrations(), INTEGRATION_S, centre, centre, sky));
        }
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            SimulatedObservation o = observations.get(i);
            Path ms = dir.resolve(o.msName());
            simulator.write(ms, o, seed + 1 + i);
            double sep = Math.toDegrees(Spherical.separation_rad(o.phaseCentre().ra_rad(), o.phaseCentre().dec_rad(),
                    CALIBRATOR.ra_rad(), CALIBRATOR.dec_rad())) * 60;
            console.printf(Locale.ROOT, "demo: wrote %s (%s, phase centre %.1f arcmin from 0834+555)%n", ms,
                    o.fieldName(), sep);
            written.add(ms);
        }
        return written;
    }

    /** The J2000 direction of the meridian at {@code mjdSec}, 54.7 arcmin south of 0834+555's apparent declination. */
    private static RaDec meridian(double mjdSec) {
        ObservationTime t = ObservationTime.ofMjdSecUtc(mjdSec);
        RaDec app = ApparentPlace.toApparent(RaDec.j2000(CALIBRATOR.ra_rad(), CALIBRATOR.dec_rad()), t);
        return MeridianPhaseCentre.j2000(t, DemoArray.LON_RAD, app.dec_rad() - POINTING_OFFSET_RAD);
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
