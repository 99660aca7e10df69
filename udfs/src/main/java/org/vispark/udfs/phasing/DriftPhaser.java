package org.vispark.udfs.phasing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vispark.udfs.astro.BaselineProjection;
import org.vispark.udfs.astro.ObservationTime;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.rephase.ChannelPhasors;

/**
 * Phases drift-scan visibilities, recorded with their phase centre fixed to the Earth (a direction of the HADEC frame,
 * e.g. the zenith or the meridian at the pointing declination, so a different sky position at every integration), to
 * one fixed J2000 centre.
 *
 * <p>Convention (Measurement Set): UVW = position(ANTENNA2) - position(ANTENNA1) in the frame of the phase centre,
 * {@code V = S exp(+2 pi i (u l + v m + w (n - 1)) / lambda)}. The new UVW are the antennas' ITRF baseline projected on
 * the J2000 centre at the row's own time by {@link BaselineProjection} (as casacore computes them); the old path is
 * {@code w_drift = b . d}, b the ITRF baseline and d the drift direction (ITRF unit vector), and every channel c of
 * every polarization is multiplied by {@code exp(+2 pi i (w_drift - w_new) f_c / c)} (as {@code rephase} does,
 * {@link org.vispark.udfs.rephase.Rephaser}). Baselines are differences of per-antenna values (antenna minus antenna
 * 0), computed once per distinct time and kept for the last {@value #TIMES_KEPT} times (rows of a time need not be
 * adjacent). Visibilities: float32 (re, im) pairs, polarization fastest, channels in the
 * order of the frequencies given; phases in double precision, one rounding to float32. Not thread-safe.
 */
public final class DriftPhaser {
    private static final int TIMES_KEPT = 256;
    private final double[][] antennaItrf_m;
    private final double[] observatoryItrf_m;
    private final double[] drift;
    private final RaDec centre;
    private final ChannelPhasors[] phasorsBySpw;
    private final int npol;
    /** Per time (MJD seconds): the antennas' UVW (3 per antenna) then their drift w, metres. */
    private final LinkedHashMap<Double, double[]> byTime = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Double, double[]> eldest) {
            return size() > TIMES_KEPT;
        }
    };

    /**
     * @param antennaItrf_m     antenna positions (ITRF metres), indexed as ANTENNA1/ANTENNA2 will be
     * @param observatoryItrf_m the observatory (ITRF metres; casacore's frame position, for diurnal aberration)
     * @param driftItrf         the drift phase centre as an ITRF unit vector
     * @param centre            the J2000 centre to phase to
     * @param chanFreqBySpw_hz  channel frequencies of each spectral window, in the visibilities' order
     * @param npol              polarizations per channel
     */
    public DriftPhaser(double[][] antennaItrf_m, double[] observatoryItrf_m, double[] driftItrf, RaDec centre,
            double[][] chanFreqBySpw_hz, int npol) {
        this.antennaItrf_m = antennaItrf_m.clone();
        this.observatoryItrf_m = observatoryItrf_m.clone();
        this.drift = driftItrf.clone();
        this.centre = centre;
        this.npol = npol;
        this.phasorsBySpw = new ChannelPhasors[chanFreqBySpw_hz.length];
        for (int s = 0; s < phasorsBySpw.length; s++) {
            phasorsBySpw[s] = chanFreqBySpw_hz[s].length == 0 ? null : new ChannelPhasors(chanFreqBySpw_hz[s]);
        }
    }

    /**
     * Phases one row in place: {@code vis[0 .. 2 * channels * npol)} of window {@code spw} for baseline
     * (ant1, ant2) at {@code timeMjdSec} (UTC); writes its new UVW (metres) into {@code uvw[0..3)}.
     */
    public void phase(double timeMjdSec, int ant1, int ant2, int spw, float[] vis, double[] uvw) {
        double[] ant = byTime.computeIfAbsent(timeMjdSec, this::project);
        for (int k = 0; k < 3; k++) {
            uvw[k] = ant[3 * ant2 + k] - ant[3 * ant1 + k];
        }
        int w = 3 * antennaItrf_m.length;
        ChannelPhasors phasors = phasorsBySpw[spw];
        if (phasors == null) {
            return;
        }
        phasors.compute(ant[w + ant2] - ant[w + ant1] - uvw[2]);
        phasors.multiply(vis, 0, npol);
    }

    private double[] project(double timeMjdSec) {
        BaselineProjection projection = new BaselineProjection(ObservationTime.ofMjdSecUtc(timeMjdSec),
                observatoryItrf_m, centre.ra_rad(), centre.dec_rad());
        double[] x0 = antennaItrf_m[0];
        int n = antennaItrf_m.length;
        double[] ant = new double[4 * n];
        for (int a = 0; a < antennaItrf_m.length; a++) {
            double[] x = antennaItrf_m[a];
            double bx = x[0] - x0[0];
            double by = x[1] - x0[1];
            double bz = x[2] - x0[2];
            projection.uvw(bx, by, bz, ant, 3 * a);
            ant[3 * n + a] = bx * drift[0] + by * drift[1] + bz * drift[2];
        }
        return ant;
    }
}
