package org.vispark.jobs.diagnose;

import java.util.Arrays;
import java.util.Random;

/**
 * A uniform random sample (reservoir sampling) of at most {@code capacity} rows for the amplitude/phase versus
 * uv-distance plots: per row the uv distance {@code sqrt(u^2 + v^2)} (metres) and the vector means over unflagged
 * channels of the first polarization given (the first judged correlation) of DATA and MODEL_DATA (amplitude in data
 * units, phase in degrees).
 */
final class UvSample {
    /** Floats per point: uv distance, |DATA|, arg DATA, |MODEL|, arg MODEL. */
    static final int WIDTH = 5;
    private final float[] points;
    private final Random random;
    private long seen;

    UvSample(int capacity, Random random) {
        this.points = new float[WIDTH * capacity];
        this.random = random;
    }

    void offer(double[] uvw, float[] data, float[] model, boolean[] flags, int numChan, int numPol) {
        int capacity = points.length / WIDTH;
        long index = seen++;
        int slot;
        if (index < capacity) {
            slot = (int) index;
        } else {
            long r = (long) (random.nextDouble() * (index + 1));
            if (r >= capacity) {
                return;
            }
            slot = (int) r;
        }
        double dr = 0;
        double di = 0;
        double mr = 0;
        double mi = 0;
        for (int c = 0; c < numChan; c++) {
            int k = c * numPol;
            if (flags == null || !flags[k]) {
                dr += data[2 * k];
                di += data[2 * k + 1];
                mr += model[2 * k];
                mi += model[2 * k + 1];
            }
        }
        int o = WIDTH * slot;
        points[o] = (float) Math.hypot(uvw[0], uvw[1]);
        points[o + 1] = (float) (Math.hypot(dr, di) / numChan);
        points[o + 2] = (float) Math.toDegrees(Math.atan2(di, dr));
        points[o + 3] = (float) (Math.hypot(mr, mi) / numChan);
        points[o + 4] = (float) Math.toDegrees(Math.atan2(mi, mr));
    }

    /** The sampled points, {@link #WIDTH} floats each. */
    float[] points() {
        int n = (int) Math.min(seen, points.length / WIDTH);
        return Arrays.copyOf(points, WIDTH * n);
    }
}
