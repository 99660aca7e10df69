package org.vispark.udfs.rephase;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Moves visibilities and UVW of one spectral window from their phase centre to another (both J2000), in the MS
 * convention of {@link UvwRotation}: {@code uvw_new = M uvw_old} and
 * {@code V_new = V_old exp(+2 pi i (w_old - w_new) f_c / c)} for every polarization of channel c.
 *
 * <p>Visibility layout: per row {@code numChan * numPol} complex values, polarization fastest (casacore's
 * [npol, nchan] cell), as float32 re,im pairs: interleaved in a {@code float[]} or little-endian in a packed lake
 * cell ({@link org.vispark.udfs.vis.PackedCells}). Each row can have its own rotation (its own field). Phases are
 * computed in double precision and the products rounded once to float32. Not thread-safe; use one per thread.
 */
public final class Rephaser {
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final ChannelPhasors phasors;
    private final int numPol;

    /** A rephaser for rows of {@code chanFreq_hz.length} channels of {@code numPol} polarizations. */
    public Rephaser(double[] chanFreq_hz, int numPol) {
        if (numPol < 1) {
            throw new IllegalArgumentException("number of polarizations must be positive, not " + numPol);
        }
        this.phasors = new ChannelPhasors(chanFreq_hz);
        this.numPol = numPol;
    }

    public int channels() {
        return phasors.channels();
    }

    public int polarizations() {
        return numPol;
    }

    /** Floats per row of an interleaved visibility block. */
    public int floatsPerRow() {
        return 2 * numPol * phasors.channels();
    }

    /** Rephases {@code rows} rows with one rotation; see {@link #rephase(double[], float[], int, UvwRotation[])}. */
    public void rephase(double[] uvw, float[] vis, int rows, UvwRotation rotation) {
        check(uvw, vis, rows);
        for (int r = 0; r < rows; r++) {
            rephaseRow(uvw, vis, r, rotation);
        }
    }

    /**
     * Rephases rows [0, rows) in place: {@code uvw[3r..3r+3)} (old UVW, metres) becomes the new UVW and the row's
     * visibilities {@code vis[r * floatsPerRow() ...]} are rotated; {@code rotationOfRow[r]} is the row's change of
     * phase centre (rows of one field share one object).
     */
    public void rephase(double[] uvw, float[] vis, int rows, UvwRotation[] rotationOfRow) {
        check(uvw, vis, rows);
        if (rotationOfRow.length < rows) {
            throw new IllegalArgumentException(rows + " rows but " + rotationOfRow.length + " rotations");
        }
        for (int r = 0; r < rows; r++) {
            rephaseRow(uvw, vis, r, rotationOfRow[r]);
        }
    }

    private void rephaseRow(double[] uvw, float[] vis, int r, UvwRotation rotation) {
        phasors.compute(rotation.wShift_m(uvw, 3 * r));
        rotation.apply(uvw, 3 * r, uvw, 3 * r);
        phasors.multiply(vis, r * floatsPerRow(), numPol);
    }

    /**
     * A new packed complex cell: {@code cell} (little-endian float32 re,im, polarization fastest) rephased for the
     * row whose OLD UVW is {@code uvw[off..off+3)} (not changed; use {@link UvwRotation#apply} for the new UVW).
     */
    public byte[] rephasePacked(byte[] cell, double[] uvw, int off, UvwRotation rotation) {
        byte[] out = cell.clone();
        rephasePackedInPlace(out, uvw, off, rotation);
        return out;
    }

    /** {@link #rephasePacked} writing into {@code cell} itself. */
    public void rephasePackedInPlace(byte[] cell, double[] uvw, int off, UvwRotation rotation) {
        checkPacked(cell);
        phasors.compute(rotation.wShift_m(uvw, off));
        rotatePacked(cell);
    }

    /**
     * {@link #rephasePackedInPlace(byte[], double[], int, UvwRotation)} for every non-null cell of one row (e.g.
     * DATA and MODEL_DATA), computing the row's phase factors once: the same result, cell by cell.
     */
    public void rephasePackedInPlace(byte[][] cells, double[] uvw, int off, UvwRotation rotation) {
        boolean any = false;
        for (byte[] cell : cells) {
            if (cell != null) {
                checkPacked(cell);
                any = true;
            }
        }
        if (!any) {
            return;
        }
        phasors.compute(rotation.wShift_m(uvw, off));
        for (byte[] cell : cells) {
            if (cell != null) {
                rotatePacked(cell);
            }
        }
    }

    private void checkPacked(byte[] cell) {
        int expected = 8 * numPol * phasors.channels();
        if (cell.length != expected) {
            throw new IllegalArgumentException("packed cell has " + cell.length + " bytes; " + phasors.channels()
                    + " channels x " + numPol + " polarizations need " + expected);
        }
    }

    /** Multiplies the packed cell by the phase factors last computed. */
    private void rotatePacked(byte[] cell) {
        double[] cos = phasors.cos();
        double[] sin = phasors.sin();
        int b = 0;
        for (int c = 0; c < cos.length; c++) {
            double cr = cos[c];
            double ci = sin[c];
            for (int k = 0; k < numPol; k++, b += 8) {
                double re = (float) FLOAT_LE.get(cell, b);
                double im = (float) FLOAT_LE.get(cell, b + 4);
                FLOAT_LE.set(cell, b, (float) (re * cr - im * ci));
                FLOAT_LE.set(cell, b + 4, (float) (re * ci + im * cr));
            }
        }
    }

    private void check(double[] uvw, float[] vis, int rows) {
        if (rows < 0 || uvw.length < 3L * rows || vis.length < (long) rows * floatsPerRow()) {
            throw new IllegalArgumentException(rows + " rows need " + 3L * rows + " UVW values and "
                    + (long) rows * floatsPerRow() + " visibility floats; got " + uvw.length + " and " + vis.length);
        }
    }
}
