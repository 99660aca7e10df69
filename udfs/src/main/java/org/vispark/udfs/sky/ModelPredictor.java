package org.vispark.udfs.sky;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;
import org.vispark.udfs.rephase.ChannelPhasors;
import org.vispark.udfs.vis.Correlations;

/**
 * Model visibilities of a list of {@link SkyComponent}s for the rows of one spectral window.
 *
 * <p>For a row with phase centre (ra0, dec0) (J2000, the centre recorded for that row, so a model is never stale
 * after rephasing) and UVW (metres, MS convention: antenna2 - antenna1 in the frame of the phase centre, see
 * {@link org.vispark.udfs.rephase.UvwRotation}), channel c of frequency f gets
 * <pre>
 *   V(f) = sum_k S_k(f) A_k(f) T_k(u, v, f) exp(+2 pi i (u l_k + v m_k + w (n_k - 1)) f / c)
 * </pre>
 * with (l, m, n) the direction cosines of component k about the phase centre (l east, m north), S_k its spectrum,
 * A_k the primary-beam power attenuation at its offset from the pointing centre (1 without a beam), and T_k the
 * Fourier transform of its unit-flux elliptical Gaussian, {@code exp(-pi^2 (a^2 q_maj^2 + b^2 q_min^2) / (4 ln 2))}
 * with a, b the FWHM (radians) and q_maj, q_min the (u, v) (wavelengths) projected on the major and minor axes of
 * the phase-centre frame ((sin pa, cos pa) and (cos pa, -sin pa) in (u, v)); T = 1 for a point. The shape uses the
 * uv frame of the phase centre, exact for components near it.
 *
 * <p>Sources are unpolarized: the cell's correlations (the MS POLARIZATION row's CORR_TYPE, {@link Correlations}) get
 * V on the parallel hands (XX, YY, RR, LL; also Stokes I) and 0 on the cross hands (XY, YX, RL, LR; also Stokes Q,
 * U, V), for any of 1, 2 or 4 correlations. Output layout: {@code numChan * numPol} complex values, polarization fastest,
 * float32 re,im interleaved or packed little-endian ({@link org.vispark.udfs.vis.PackedCells}). Per row: three
 * trigonometric calls per component (cached while the phase centre stays the same) plus the per-channel phasor
 * recurrence of {@link ChannelPhasors}. Not thread-safe; use one per thread.
 */
public final class ModelPredictor {
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final double GAUSS_UV = Math.PI * Math.PI / (4 * Math.log(2));

    private final SkyComponent[] components;
    private final double[] freq_hz;
    private final float[] response;
    private final double[][] apparentFlux_jy;
    private final ChannelPhasors phasors;
    private final double[] accRe;
    private final double[] accIm;
    private final double[] l;
    private final double[] m;
    private final double[] nMinus1;
    private double cachedRa0 = Double.NaN;
    private double cachedDec0 = Double.NaN;

    /**
     * @param components  the sky model
     * @param chanFreq_hz channel frequencies of the spectral window, Hz
     * @param corrTypes   the Stokes codes of the cell's polarization axis (CORR_TYPE), in cell order
     * @param beam        the primary beam, or null for none
     * @param pointing    the J2000 pointing centre the beam is evaluated about (ignored, may be null, without a beam)
     */
    public ModelPredictor(List<SkyComponent> components, double[] chanFreq_hz, int[] corrTypes, PrimaryBeam beam,
            RaDec pointing) {
        if (beam != null && pointing == null) {
            throw new IllegalArgumentException("a primary beam needs the pointing centre");
        }
        this.components = components.toArray(SkyComponent[]::new);
        this.phasors = new ChannelPhasors(chanFreq_hz);
        this.freq_hz = chanFreq_hz.clone();
        this.response = Correlations.unpolarizedResponse(corrTypes);
        int n = freq_hz.length;
        this.apparentFlux_jy = new double[this.components.length][n];
        for (int k = 0; k < this.components.length; k++) {
            SkyComponent s = this.components[k];
            for (int c = 0; c < n; c++) {
                double a = beam == null ? 1
                        : beam.attenuation(s.ra_rad(), s.dec_rad(), pointing.ra_rad(), pointing.dec_rad(), freq_hz[c]);
                apparentFlux_jy[k][c] = s.fluxAt(freq_hz[c]) * a;
            }
        }
        this.accRe = new double[n];
        this.accIm = new double[n];
        this.l = new double[this.components.length];
        this.m = new double[this.components.length];
        this.nMinus1 = new double[this.components.length];
    }

    public int channels() {
        return freq_hz.length;
    }

    public int polarizations() {
        return response.length;
    }

    /** The flux (Jy) of component {@code k} at channel {@code c} after the primary beam. */
    public double apparentFlux_jy(int k, int c) {
        return apparentFlux_jy[k][c];
    }

    /**
     * Writes the model of the row with UVW {@code uvw[off..off+3)} (metres) and phase centre (ra0, dec0) into
     * {@code out[outOff ..)} as {@code 2 numChan numPol} floats (re, im; polarization fastest).
     */
    public void predict(double[] uvw, int off, double ra0_rad, double dec0_rad, float[] out, int outOff) {
        accumulate(uvw, off, ra0_rad, dec0_rad);
        int p = outOff;
        for (int c = 0; c < accRe.length; c++) {
            float re = (float) accRe[c];
            float im = (float) accIm[c];
            for (int k = 0; k < response.length; k++, p += 2) {
                out[p] = re * response[k];
                out[p + 1] = im * response[k];
            }
        }
    }

    /** {@link #predict} as a packed lake cell (little-endian float32 re,im, polarization fastest). */
    public byte[] predictPacked(double[] uvw, int off, double ra0_rad, double dec0_rad) {
        byte[] cell = new byte[packedBytes()];
        predictPacked(uvw, off, ra0_rad, dec0_rad, cell);
        return cell;
    }

    /** Bytes of a packed model cell: {@code 8 numChan numPol}. */
    public int packedBytes() {
        return 8 * response.length * accRe.length;
    }

    /** {@link #predictPacked(double[], int, double, double)} into {@code cell[0, packedBytes())}, e.g. reused per row. */
    public void predictPacked(double[] uvw, int off, double ra0_rad, double dec0_rad, byte[] cell) {
        if (cell.length < packedBytes()) {
            throw new IllegalArgumentException("a packed model cell needs " + packedBytes() + " bytes, not " + cell.length);
        }
        accumulate(uvw, off, ra0_rad, dec0_rad);
        int b = 0;
        for (int c = 0; c < accRe.length; c++) {
            float re = (float) accRe[c];
            float im = (float) accIm[c];
            for (int k = 0; k < response.length; k++, b += 8) {
                FLOAT_LE.set(cell, b, re * response[k]);
                FLOAT_LE.set(cell, b + 4, im * response[k]);
            }
        }
    }

    private void accumulate(double[] uvw, int off, double ra0, double dec0) {
        if (ra0 != cachedRa0 || dec0 != cachedDec0) {
            directionCosines(ra0, dec0);
        }
        java.util.Arrays.fill(accRe, 0);
        java.util.Arrays.fill(accIm, 0);
        double u = uvw[off];
        double v = uvw[off + 1];
        double w = uvw[off + 2];
        double[] cos = phasors.cos();
        double[] sin = phasors.sin();
        for (int k = 0; k < components.length; k++) {
            phasors.compute(u * l[k] + v * m[k] + w * nMinus1[k]);
            double[] flux = apparentFlux_jy[k];
            SkyComponent s = components[k];
            if (s.isGaussian()) {
                double sp = Math.sin(s.positionAngle_rad());
                double cp = Math.cos(s.positionAngle_rad());
                double qMaj = (u * sp + v * cp) / ChannelPhasors.C_M_PER_S;
                double qMin = (u * cp - v * sp) / ChannelPhasors.C_M_PER_S;
                double perHz2 = GAUSS_UV * (s.major_rad() * s.major_rad() * qMaj * qMaj
                        + s.minor_rad() * s.minor_rad() * qMin * qMin);
                for (int c = 0; c < accRe.length; c++) {
                    double a = flux[c] * Math.exp(-perHz2 * freq_hz[c] * freq_hz[c]);
                    accRe[c] += a * cos[c];
                    accIm[c] += a * sin[c];
                }
            } else {
                for (int c = 0; c < accRe.length; c++) {
                    accRe[c] += flux[c] * cos[c];
                    accIm[c] += flux[c] * sin[c];
                }
            }
        }
    }

    /** Direction cosines of every component about (ra0, dec0), l east, m north. */
    private void directionCosines(double ra0, double dec0) {
        double[] lmn = new double[3];
        for (int k = 0; k < components.length; k++) {
            Spherical.lmn(components[k].ra_rad(), components[k].dec_rad(), ra0, dec0, lmn, 0);
            l[k] = lmn[0];
            m[k] = lmn[1];
            nMinus1[k] = lmn[2];
        }
        cachedRa0 = ra0;
        cachedDec0 = dec0;
    }
}
