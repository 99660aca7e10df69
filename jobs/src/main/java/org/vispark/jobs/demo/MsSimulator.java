package org.vispark.jobs.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.vispark.formats.ms.Antenna;
import org.vispark.formats.ms.DataDescription;
import org.vispark.formats.ms.Direction;
import org.vispark.formats.ms.Field;
import org.vispark.formats.ms.Observation;
import org.vispark.formats.ms.Polarization;
import org.vispark.formats.ms.SpectralWindow;
import org.vispark.formats.ms.State;
import org.vispark.formats.ms.write.MeasurementSetWriter;
import org.vispark.formats.ms.write.MsMetadata;
import org.vispark.formats.ms.write.VisibilityBlock;
import org.vispark.udfs.astro.BaselineProjection;
import org.vispark.udfs.astro.ObservationTime;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.sky.ModelPredictor;
import org.vispark.udfs.sky.PrimaryBeam;

/**
 * Writes a simulated Measurement Set: the sky of a {@link SimulatedObservation} seen through the primary beam about
 * its pointing, corrupted by {@link DemoGains} and Gaussian noise, in the MS sign convention
 * ({@code V = g_i conj(g_j) sum_k A_k S_k exp(+2 pi i (u l + v m + w (n - 1)) / lambda) + noise}, UVW from
 * {@link BaselineProjection}). Polarizations XX and YY; every cross-correlation (ANTENNA1 &lt; ANTENNA2), no
 * autocorrelations; one row block per integration; nothing flagged. The noise is {@code noise_jy} rms on each of
 * the real and imaginary parts; WEIGHT is {@code 1 / noise_jy^2} and SIGMA {@code noise_jy}.
 */
public final class MsSimulator {
    private static final int[] XX_YY = {9, 12};
    private static final String TELESCOPE = "DSA_110";

    private final List<Antenna> antennas;
    private final double[] freq_hz;
    private final DemoGains gains;
    private final double noise_jy;
    private final PrimaryBeam beam;

    /** A simulator for {@code antennas} observing at channel frequencies {@code freq_hz} (equally spaced). */
    public MsSimulator(List<Antenna> antennas, double[] freq_hz, DemoGains gains, double noise_jy, PrimaryBeam beam) {
        this.antennas = List.copyOf(antennas);
        this.freq_hz = freq_hz.clone();
        this.gains = gains;
        this.noise_jy = noise_jy;
        this.beam = beam;
    }

    /** Writes {@code obs} as the MS {@code dir} (which must not exist) with noise drawn from {@code seed}. */
    public void write(Path dir, SimulatedObservation obs, long seed) throws IOException {
        int nant = antennas.size();
        int baselines = nant * (nant - 1) / 2;
        try (MeasurementSetWriter w = MeasurementSetWriter.create(dir, metadata(obs),
                new MeasurementSetWriter.DataColumns(false, false, false), false,
                (long) baselines * obs.integrations())) {
            ModelPredictor sky = sky(obs);
            SplittableRandom random = new SplittableRandom(seed);
            for (int k = 0; k < obs.integrations(); k++) {
                w.append(integration(obs, k, obs.phaseCentre(), sky, random));
            }
            w.commit();
        }
    }

    /** The sky of {@code obs} seen through the primary beam about its pointing, at this simulator's channels. */
    public ModelPredictor sky(SimulatedObservation obs) {
        return new ModelPredictor(obs.sky(), freq_hz, XX_YY, beam, obs.pointing());
    }

    /**
     * The rows of integration {@code k} of {@code obs} phased to {@code centre} (J2000; a drift scan's is the
     * meridian at that integration's time): every cross-correlation, ANTENNA1 &lt; ANTENNA2, DATA ordered (channel,
     * polarization) with channels as this simulator's, noise drawn from {@code random}.
     */
    public VisibilityBlock integration(SimulatedObservation obs, int k, RaDec centre, ModelPredictor sky,
            SplittableRandom random) {
        int nant = antennas.size();
        int nchan = freq_hz.length;
        int npol = XX_YY.length;
        double t = obs.time_mjdSec(k);
        double[] x0 = antennas.get(0).positionItrf_m();
        BaselineProjection projection = new BaselineProjection(ObservationTime.ofMjdSecUtc(t), x0,
                centre.ra_rad(), centre.dec_rad());
        double[] antennaUvw = new double[3 * nant];
        double[][] gain = new double[nant][2 * npol * nchan];
        double[] g = new double[2];
        for (int a = 0; a < nant; a++) {
            double[] x = antennas.get(a).positionItrf_m();
            projection.uvw(x[0] - x0[0], x[1] - x0[1], x[2] - x0[2], antennaUvw, 3 * a);
            for (int c = 0; c < nchan; c++) {
                for (int p = 0; p < npol; p++) {
                    gains.gain(a, p, t, freq_hz[c], g);
                    gain[a][2 * (c * npol + p)] = g[0];
                    gain[a][2 * (c * npol + p) + 1] = g[1];
                }
            }
        }
        return rows(obs, t, centre, antennaUvw, gain, sky, random);
    }

    private VisibilityBlock rows(SimulatedObservation obs, double t, RaDec centre, double[] antennaUvw,
            double[][] gain, ModelPredictor sky, SplittableRandom random) {
        int nant = antennas.size();
        int values = XX_YY.length * freq_hz.length;
        int rows = nant * (nant - 1) / 2;
        int[] a1 = new int[rows];
        int[] a2 = new int[rows];
        double[] uvw = new double[3 * rows];
        float[] data = new float[2 * values * rows];
        int r = 0;
        for (int i = 0; i < nant; i++) {
            for (int j = i + 1; j < nant; j++, r++) {
                a1[r] = i;
                a2[r] = j;
                for (int c = 0; c < 3; c++) {
                    uvw[3 * r + c] = antennaUvw[3 * j + c] - antennaUvw[3 * i + c];
                }
                int off = 2 * values * r;
                sky.predict(uvw, 3 * r, centre.ra_rad(), centre.dec_rad(), data, off);
                double[] gi = gain[i];
                double[] gj = gain[j];
                for (int v = 0; v < values; v++) {
                    // g_i conj(g_j) * model
                    double gr = gi[2 * v] * gj[2 * v] + gi[2 * v + 1] * gj[2 * v + 1];
                    double gim = gi[2 * v + 1] * gj[2 * v] - gi[2 * v] * gj[2 * v + 1];
                    double mr = data[off + 2 * v];
                    double mi = data[off + 2 * v + 1];
                    data[off + 2 * v] = (float) (gr * mr - gim * mi + noise_jy * DemoGains.gaussian(random));
                    data[off + 2 * v + 1] = (float) (gr * mi + gim * mr + noise_jy * DemoGains.gaussian(random));
                }
            }
        }
        double[] time = filled(rows, t);
        double[] interval = filled(rows, obs.integration_s());
        int[] zeros = new int[rows];
        int[] scan = new int[rows];
        Arrays.fill(scan, 1);
        float[] weight = new float[XX_YY.length * rows];
        float[] sigma = new float[XX_YY.length * rows];
        Arrays.fill(weight, (float) (1 / (noise_jy * noise_jy)));
        Arrays.fill(sigma, (float) noise_jy);
        return new VisibilityBlock(rows, time, time, interval, interval, a1, a2, zeros, zeros, zeros, zeros, zeros,
                zeros, zeros, scan, zeros, new boolean[rows], uvw, weight, sigma, data, new boolean[values * rows],
                null, null, null);
    }

    private MsMetadata metadata(SimulatedObservation obs) {
        int nchan = freq_hz.length;
        double width_hz = nchan > 1 ? freq_hz[1] - freq_hz[0] : 1e6;
        double[] widths = new double[nchan];
        Arrays.fill(widths, width_hz);
        Direction centre = new Direction(obs.phaseCentre().ra_rad(), obs.phaseCentre().dec_rad(), "J2000");
        Direction pointing = new Direction(obs.pointing().ra_rad(), obs.pointing().dec_rad(), "J2000");
        double mid_mjdSec = (obs.start_mjdSec() + obs.end_mjdSec()) / 2;
        return new MsMetadata(antennas,
                List.of(new Field(0, obs.fieldName(), "", centre, centre, pointing, mid_mjdSec, -1)),
                List.of(new SpectralWindow(0, "L-band", freq_hz, widths, freq_hz[nchan / 2], width_hz * nchan, "TOPO")),
                List.of(new Polarization(0, XX_YY, new String[] {"XX", "YY"})),
                List.of(new DataDescription(0, 0, 0)),
                List.of(new Observation(0, TELESCOPE, "vispark demo", "demo",
                        new double[] {obs.start_mjdSec(), obs.end_mjdSec()})),
                List.of(new State(0, "OBSERVE_TARGET.ON_SOURCE", true, false, 0)),
                new MsMetadata.HistoryEntry(obs.start_mjdSec(), "vispark demo", "simulated " + obs.fieldName()
                        + " with known gains and noise"));
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
