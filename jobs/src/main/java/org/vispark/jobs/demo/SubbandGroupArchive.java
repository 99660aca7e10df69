package org.vispark.jobs.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.vispark.formats.ms.Antenna;
import org.vispark.formats.ms.write.VisibilityBlock;
import org.vispark.formats.uvh5.JulianDate;
import org.vispark.formats.uvh5.write.DriftScanFile;
import org.vispark.formats.uvh5.write.Uvh5Writer;
import org.vispark.udfs.astro.MeridianPhaseCentre;
import org.vispark.udfs.astro.ObservationTime;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.SiderealTime;
import org.vispark.udfs.sky.ModelPredictor;

/**
 * The demo archive as the DSA-110 correlator writes it: each observation of {@link DemoArchive#observations} (the
 * transits of 0834+555 and the target scans) as a subband group of 16 UVH5 files
 * {@code YYYY-MM-DDTHH:MM:SS_sbNN.hdf5} ({@link Uvh5Writer}). Subband sb00 holds the highest frequencies; within a
 * file the channels descend (channel width negative), {@code channelsPerSubband} of them over 11.72 MHz (48 of
 * 244.14 kHz, the DSA-110's, by default), from 1498.75 MHz down to 1311.2 MHz over the 16 files. The files of one
 * group carry timestamps up to 15 s apart, as the correlator's do.
 *
 * <p>Every observation is a drift scan: its visibilities are phased, integration by integration, to the meridian at
 * the pointing declination (the HADEC direction of {@code ha_phase_center} = 0, {@code phase_center_dec}, which is
 * 54.7 arcmin south of 0834+555 in apparent declination), i.e. simulated by {@link MsSimulator} with the J2000
 * direction of that point at each integration's time as phase centre; {@code uvw_array} is that simulation's UVW
 * (antenna 2 minus antenna 1, projected on it).
 */
public final class SubbandGroupArchive {
    /** Subbands of a group. */
    public static final int SUBBANDS = 16;
    private static final double TOP_HZ = 1498.75e6;
    private static final double SUBBAND_HZ = 48 * 244140.625;
    private static final int[] XX_YY_CODES = {-5, -6};
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long MJD_OF_UNIX_EPOCH_S = 40587L * 86400;

    private SubbandGroupArchive() {}

    /**
     * Writes the groups of the archive of {@code size} ({@code size.channels()} channels per subband file) into the
     * new directory {@code dir} (built as {@code dir.partial}, renamed when complete); returns the files.
     */
    public static List<Path> write(Path dir, DemoArchive.Size size, DemoGains.Spec gainSpec, long seed,
            PrintStream console) throws IOException {
        return DemoArchive.writeNew(dir, partial -> writeInto(partial, size, gainSpec, seed, console));
    }

    private static List<Path> writeInto(Path dir, DemoArchive.Size size, DemoGains.Spec gainSpec, long seed,
            PrintStream console) throws IOException {
        int nchan = size.channels();
        double[] ascending_hz = new double[SUBBANDS * nchan];
        double width_hz = SUBBAND_HZ / nchan;
        for (int c = 0; c < ascending_hz.length; c++) {
            ascending_hz[c] = TOP_HZ - width_hz * (ascending_hz.length - 1 - c);
        }
        MsSimulator simulator = DemoArchive.simulator(size, ascending_hz, gainSpec, seed);
        List<Antenna> antennas = DemoArchive.antennas(size);
        List<SimulatedObservation> observations = DemoArchive.observations(size);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            SimulatedObservation o = observations.get(i);
            written.addAll(writeGroup(dir, o, simulator, antennas, nchan, new SplittableRandom(seed + 1 + i)));
            console.printf(Locale.ROOT, "demo: wrote %s_sb00..%02d.hdf5 (%s, drift scan at the meridian)%n",
                    stamp(o.start_mjdSec()), SUBBANDS - 1, o.fieldName().replace("drift_", ""));
        }
        return written;
    }

    private static List<Path> writeGroup(Path dir, SimulatedObservation o, MsSimulator simulator,
            List<Antenna> antennas, int nchan, SplittableRandom random) throws IOException {
        int nant = antennas.size();
        int nbls = nant * (nant - 1) / 2;
        int nblts = nbls * o.integrations();
        int npol = XX_YY_CODES.length;
        int total = SUBBANDS * nchan;
        double pointingDec_rad = DemoArchive.pointingDec_rad((o.start_mjdSec() + o.end_mjdSec()) / 2);
        ModelPredictor sky = simulator.sky(o);
        int[] ant1 = new int[nblts];
        int[] ant2 = new int[nblts];
        double[] time_jd = new double[nblts];
        double[] lst_rad = new double[nblts];
        double[][] uvw_m = new double[nblts][];
        float[][] vis = new float[SUBBANDS][2 * nblts * nchan * npol];
        for (int k = 0; k < o.integrations(); k++) {
            double t = o.time_mjdSec(k);
            ObservationTime time = ObservationTime.ofMjdSecUtc(t);
            RaDec drift = MeridianPhaseCentre.j2000(time, DemoArray.LON_RAD, pointingDec_rad);
            VisibilityBlock b = simulator.integration(o, k, drift, sky, random);
            double lst = SiderealTime.localApparent_rad(time, DemoArray.LON_RAD);
            for (int r = 0; r < nbls; r++) {
                int blt = k * nbls + r;
                ant1[blt] = b.antenna1()[r];
                ant2[blt] = b.antenna2()[r];
                time_jd[blt] = t / JulianDate.SECONDS_PER_DAY + JulianDate.MJD_ZERO_JD;
                lst_rad[blt] = lst;
                uvw_m[blt] = new double[] {b.uvw_m()[3 * r], b.uvw_m()[3 * r + 1], b.uvw_m()[3 * r + 2]};
                for (int sb = 0; sb < SUBBANDS; sb++) {
                    for (int j = 0; j < nchan; j++) {
                        int c = total - 1 - (sb * nchan + j); // the simulator's channels ascend
                        System.arraycopy(b.data(), 2 * npol * (r * total + c), vis[sb], 2 * npol * (blt * nchan + j),
                                2 * npol);
                    }
                }
            }
        }
        double[] site = DemoArray.site();
        String[] names = new String[nant];
        int[] numbers = new int[nant];
        double[][] positions = new double[nant][3];
        for (int a = 0; a < nant; a++) {
            names[a] = antennas.get(a).name();
            numbers[a] = a;
            for (int x = 0; x < 3; x++) {
                positions[a][x] = antennas.get(a).positionItrf_m()[x] - site[x];
            }
        }
        float[] nsamples = new float[nblts * nchan * npol];
        Arrays.fill(nsamples, 1f);
        List<Path> files = new ArrayList<>();
        for (int sb = 0; sb < SUBBANDS; sb++) {
            double[] freq_hz = new double[nchan];
            for (int j = 0; j < nchan; j++) {
                freq_hz[j] = TOP_HZ - SUBBAND_HZ * sb - (SUBBAND_HZ / nchan) * j;
            }
            DriftScanFile f = new DriftScanFile("DSA_110", Math.toDegrees(DemoArray.LAT_RAD),
                    Math.toDegrees(DemoArray.LON_RAD), DemoArray.HEIGHT_M, names, numbers, positions, DemoArray.DISH_M,
                    o.integrations(), ant1, ant2, time_jd, o.integration_s(), lst_rad, uvw_m, freq_hz,
                    -SUBBAND_HZ / nchan, XX_YY_CODES, pointingDec_rad, o.fieldName(), vis[sb],
                    new boolean[nsamples.length], nsamples);
            // the correlator's files of one observation are stamped up to ~15 s apart
            Path file = dir.resolve(stamp(o.start_mjdSec() + sb % 4 * 5) + String.format(Locale.ROOT, "_sb%02d.hdf5", sb));
            Uvh5Writer.write(file, f);
            files.add(file);
        }
        return files;
    }

    private static String stamp(double mjdSec) {
        return STAMP.format(Instant.ofEpochSecond(Math.round(mjdSec - MJD_OF_UNIX_EPOCH_S)));
    }
}
