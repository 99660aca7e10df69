package org.vispark.udfs.solve;

/**
 * Solves {@code A x = b} for a symmetric positive semi-definite A (a weighted graph Laplacian with the reference
 * removed). A zero or negative pivot (an unknown without information) gives 0 for that unknown.
 */
final class Cholesky {
    private Cholesky() {}

    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        boolean[] skip = new boolean[n];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, a[i][i]);
        }
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 1e-14 * scale)) {
                skip[j] = true;
                continue;
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            if (skip[i]) {
                continue;
            }
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            if (skip[i]) {
                continue;
            }
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }
}
