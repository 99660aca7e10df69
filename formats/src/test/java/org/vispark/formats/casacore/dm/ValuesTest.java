package org.vispark.formats.casacore.dm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vispark.formats.casacore.DataType;

class ValuesTest {

    @Test
    void unpacksBitsLeastSignificantFirstAtAnyOffset() {
        byte[] src = new byte[64];
        new Random(1).nextBytes(src);
        for (int first = 0; first < 20; first++) {
            for (int n = 0; n < 300; n += 7) {
                boolean[] out = new boolean[n + 5];
                Values.unpackBits(src, first, out, 3, n);
                boolean[] expected = new boolean[n + 5];
                for (int i = 0; i < n; i++) {
                    int bit = first + i;
                    expected[3 + i] = ((src[bit / 8] >> (bit % 8)) & 1) == 1;
                }
                assertArrayEquals(expected, out, "first bit " + first + ", " + n + " values");
            }
        }
    }

    @Test
    void decodesComplexInEitherByteOrder() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer b = ByteBuffer.allocate(24).order(order);
            b.putFloat(1.5f).putFloat(-2f).putFloat(3f).putFloat(4.25f).putInt(7).putInt(9);
            b.flip();
            float[] out = new float[5];
            Values.decode(DataType.COMPLEX, b, 2, out, 1);
            assertArrayEquals(new float[] {0f, 1.5f, -2f, 3f, 4.25f}, out);
            assertEquals(16, b.position(), "position advances past the decoded values");
            int[] ints = new int[2];
            Values.decode(DataType.INT, b, 2, ints, 0);
            assertArrayEquals(new int[] {7, 9}, ints);
        }
    }
}
