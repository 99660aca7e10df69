package org.vispark.udfs.vis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VisCellsTest {
    private static final int NCHAN = 5;
    private static final int NPOL = 2;

    /** Cell [pol, chan] with value (chan + 10 pol) + i (chan - pol), interleaved re, im. */
    private static float[] cell() {
        float[] v = new float[2 * NCHAN * NPOL];
        for (int c = 0; c < NCHAN; c++) {
            for (int p = 0; p < NPOL; p++) {
                int k = c * NPOL + p;
                v[2 * k] = c + 10 * p;
                v[2 * k + 1] = c - p;
            }
        }
        return v;
    }

    @Test
    void packedComplexCellIsLittleEndianFloat32InCasacoreOrder() {
        byte[] packed = PackedCells.packFloats(cell(), 0, 2 * NCHAN * NPOL);
        assertEquals(8 * NCHAN * NPOL, packed.length);
        ByteBuffer b = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
        // channel 3, polarization 1 is complex value 7: floats 14, 15
        assertEquals(13f, b.getFloat(14 * 4));
        assertEquals(2f, b.getFloat(15 * 4));
        assertArrayEquals(cell(), PackedCells.unpackFloats(packed));
    }

    @Test
    void valuesOfOneChannelAndPolarization() {
        byte[] packed = PackedCells.packFloats(cell(), 0, 2 * NCHAN * NPOL);
        assertEquals(NCHAN, VisCells.channelCount(packed, NPOL));
        assertEquals(13f, VisCells.real(packed, NPOL, 3, 1));
        assertEquals(2f, VisCells.imag(packed, NPOL, 3, 1));
        assertEquals(Math.hypot(13, 2), VisCells.amplitude(packed, NPOL, 3, 1), 0);
        assertEquals(Math.atan2(2, 13), VisCells.phase(packed, NPOL, 3, 1), 0);
        assertNull(VisCells.amplitude(packed, NPOL, NCHAN, 0));
        assertNull(VisCells.phase(packed, NPOL, 0, NPOL));
        assertNull(VisCells.real(packed, NPOL, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> VisCells.amplitude(packed, 3, 0, 0));
    }

    @Test
    void flagsPackEightPerByteLsbFirst() {
        Random r = new Random(3);
        for (int n : new int[] {0, 1, 7, 8, 9, 17, 1536}) {
            boolean[] f = new boolean[n + 3];
            for (int i = 0; i < f.length; i++) {
                f[i] = r.nextBoolean();
            }
            byte[] packed = PackedCells.packFlags(f, 3, n);
            assertEquals((n + 7) / 8, packed.length);
            boolean[] back = PackedCells.unpackFlags(packed, n);
            for (int i = 0; i < n; i++) {
                assertEquals(f[3 + i], back[i]);
                assertEquals(f[3 + i], (packed[i / 8] >> (i % 8) & 1) == 1);
            }
        }
        boolean[] one = new boolean[NCHAN * NPOL];
        one[3 * NPOL + 1] = true;
        byte[] packed = PackedCells.packFlags(one, 0, one.length);
        assertEquals(true, VisCells.flagged(packed, NCHAN, NPOL, 3, 1));
        assertEquals(false, VisCells.flagged(packed, NCHAN, NPOL, 3, 0));
        assertNull(VisCells.flagged(packed, NCHAN, NPOL, NCHAN, 0));
    }

    @Test
    void flagsPutIntoHeapSlicedAndDirectBuffersAtTheirPosition() {
        Random r = new Random(4);
        boolean[] f = new boolean[1539];
        for (int i = 0; i < f.length; i++) {
            f[i] = r.nextBoolean();
        }
        byte[] expected = PackedCells.packFlags(f, 3, 1536);
        ByteBuffer sliced = ByteBuffer.allocate(300).position(7).slice();
        for (ByteBuffer dst : new ByteBuffer[] {ByteBuffer.allocate(300), ByteBuffer.allocateDirect(300), sliced}) {
            dst.position(5);
            PackedCells.putFlags(f, 3, 1536, dst);
            assertEquals(5 + expected.length, dst.position());
            byte[] got = new byte[expected.length];
            dst.get(5, got);
            assertArrayEquals(expected, got);
        }
        assertThrows(java.nio.BufferOverflowException.class,
                () -> PackedCells.putFlags(f, 0, 1536, ByteBuffer.allocate(100)));
    }

    @Test
    void sparseFlagsUnpackOverEveryEarlierValue() {
        Random r = new Random(5);
        for (int n : new int[] {1, 8, 13, 1536}) {
            boolean[] f = new boolean[n];
            for (int i = 0; i < n; i++) {
                f[i] = r.nextInt(40) == 0; // mostly whole bytes without a flag, as real data
            }
            boolean[] dst = new boolean[n + 2];
            Arrays.fill(dst, true); // a reused row buffer, all flagged by the row before
            PackedCells.unpackFlags(PackedCells.packFlags(f, 0, n), n, dst);
            for (int i = 0; i < n; i++) {
                assertEquals(f[i], dst[i], "value " + i + " of " + n);
            }
            assertEquals(true, dst[n]);
            assertEquals(true, dst[n + 1]);
        }
    }

    @Test
    void channelMeanSkipsFlaggedChannels() {
        byte[] packed = PackedCells.packFloats(cell(), 0, 2 * NCHAN * NPOL);
        boolean[] f = new boolean[NCHAN * NPOL];
        f[2 * NPOL + 1] = true; // channel 2, pol 1
        byte[] flags = PackedCells.packFlags(f, 0, f.length);
        VisCells.ChannelMean all = VisCells.channelMean(packed, null, NPOL, 1, 0, Integer.MAX_VALUE);
        assertEquals(NCHAN, all.channels());
        assertEquals((10 + 11 + 12 + 13 + 14) / 5.0, all.re(), 1e-12);
        assertEquals((-1 + 0 + 1 + 2 + 3) / 5.0, all.im(), 1e-12);
        VisCells.ChannelMean unflagged = VisCells.channelMean(packed, flags, NPOL, 1, 0, NCHAN);
        assertEquals(4, unflagged.channels());
        assertEquals((10 + 11 + 13 + 14) / 4.0, unflagged.re(), 1e-12);
        assertEquals((-1 + 0 + 2 + 3) / 4.0, unflagged.im(), 1e-12);
        VisCells.ChannelMean range = VisCells.channelMean(packed, flags, NPOL, 0, 1, 3);
        assertEquals(2, range.channels());
        assertEquals(1.5, range.re(), 1e-12);
        assertNull(VisCells.channelMean(packed, flags, NPOL, 1, 2, 3));
        assertNull(VisCells.channelMean(packed, flags, NPOL, 2, 0, NCHAN));
    }
}
