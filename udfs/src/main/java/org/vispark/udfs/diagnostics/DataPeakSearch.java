package org.vispark.udfs.diagnostics;

import java.io.Serializable;
import java.util.Arrays;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;

/**
 * The passes of the data-peak search with {@link FringeMapAccumulator}: a coarse grid of {@value #COARSE_HALF_WIDTH}
 * pixels each side covering a search radius about the expected position, then fine levels ({@link #refine}) each
 * about the peak of the level before, with smaller pixels and few of them, the last of radius / 72 (1.7 arcmin for a
 * 2 degree radius); a fine grid whose maximum lies on its edge is moved there ({@link #around}) and mapped again. The
 * last peak is refined by a parabola through the peak pixel and its neighbours along each axis.
 *
 * <p>The coarse map only has to find the basin of the peak, so it takes the shortest baselines
 * ({@link #coarseBaselineLimit_m}): their group maps are broad (the width of one group's map scales as 1 / |b|), so
 * a coarse pixel of radius / 12 samples them well, and far from the expected position, where the longer baselines'
 * maps decorrelate across a channel bin anyway, they carry the map. The fine map takes every baseline and resolves the
 * summed map's peak to ~0.1 pixel. The cost of a map is rows x pixels x channel bins: the coarse pass costs a tenth of
 * its 625 pixels over all rows, the fine levels 49 and 25 pixels (a quarter of the single 19 x 19 fine grid of
 * earlier versions, for the same last pixel).
 */
public final class DataPeakSearch {
    /** Coarse pixels each side of the expected position. */
    public static final int COARSE_HALF_WIDTH = 12;
    /**
     * The fine levels, each {@code {pixels per pixel of the level before, pixels each side}}: 3.3 arcmin pixels
     * (radius / 36) over one coarse pixel each side, then 1.7 arcmin pixels (radius / 72) over one pixel of the level
     * before each side.
     */
    private static final int[][] FINE_LEVELS = {{3, 3}, {2, 2}};
    /** Share of the baselines, the shortest, that make the coarse map. */
    static final double COARSE_BASELINE_SHARE = 0.1;
    /** The coarse map takes at least this many baselines (all of a smaller array). */
    static final int COARSE_MIN_BASELINES = 100;

    private DataPeakSearch() {}

    /** The coarse grid: {@code searchRadius_rad} each side of {@code expected}. */
    public static SkyGrid coarseGrid(RaDec expected, double searchRadius_rad) {
        return new SkyGrid(expected, searchRadius_rad / COARSE_HALF_WIDTH, COARSE_HALF_WIDTH);
    }

    /** The number of fine levels after the coarse grid. */
    public static int fineLevels() {
        return FINE_LEVELS.length;
    }

    /** The grid of fine level {@code level} (0 the first) about the peak of {@code map} over {@code previous}. */
    public static SkyGrid refine(SkyGrid previous, double[] map, int level) {
        DataPeak p = peak(previous, map, previous.centre());
        return new SkyGrid(RaDec.j2000(p.ra_rad(), p.dec_rad()), previous.pixel_rad() / FINE_LEVELS[level][0],
                FINE_LEVELS[level][1]);
    }

    /** A grid like {@code grid} centred on {@code peak}: the next fine pass when the peak is on the grid's edge. */
    public static SkyGrid around(SkyGrid grid, DataPeak peak) {
        return new SkyGrid(RaDec.j2000(peak.ra_rad(), peak.dec_rad()), grid.pixel_rad(), grid.halfWidth());
    }

    /**
     * The longest baseline (metres) of the coarse map: the {@value #COARSE_BASELINE_SHARE} shortest share of the
     * cross-correlation baselines of antennas at {@code positions_m} (x, y, z in any Cartesian frame, e.g. ITRF), and
     * at least {@value #COARSE_MIN_BASELINES} of them; infinite (all baselines) with fewer than two antennas.
     */
    public static double coarseBaselineLimit_m(double[][] positions_m) {
        int n = positions_m.length;
        if (n < 2) {
            return Double.POSITIVE_INFINITY;
        }
        double[] lengths = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = positions_m[i][0] - positions_m[j][0];
                double dy = positions_m[i][1] - positions_m[j][1];
                double dz = positions_m[i][2] - positions_m[j][2];
                lengths[k++] = Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
        }
        Arrays.sort(lengths);
        int keep = Math.max(Math.min(lengths.length, COARSE_MIN_BASELINES),
                (int) Math.ceil(COARSE_BASELINE_SHARE * lengths.length));
        // |UVW| equals the baseline length up to rounding: a margin keeps the baseline at the limit in
        return lengths[keep - 1] * (1 + 1e-9) + 1e-6;
    }

    /**
     * The peak of {@code map} over {@code grid}, refined by parabolas, and its offset from {@code expected}.
     * {@link DataPeak#onEdge()} says the maximum lies on the grid's border (the source may be outside it).
     */
    public static DataPeak peak(SkyGrid grid, double[] map, RaDec expected) {
        if (map.length != grid.pixels()) {
            throw new IllegalArgumentException("map of " + map.length + " pixels for a grid of " + grid.pixels());
        }
        int best = 0;
        for (int p = 1; p < map.length; p++) {
            if (map[p] > map[best]) {
                best = p;
            }
        }
        int side = grid.side();
        int i = best % side;
        int j = best / side;
        boolean edge = i == 0 || j == 0 || i == side - 1 || j == side - 1;
        double di = edge || i == 0 || i == side - 1 ? 0 : vertex(map[best - 1], map[best], map[best + 1]);
        double dj = edge || j == 0 || j == side - 1 ? 0 : vertex(map[best - side], map[best], map[best + side]);
        RaDec d = grid.direction(grid.x_rad(i) + di * grid.pixel_rad(), grid.y_rad(j) + dj * grid.pixel_rad());
        double offset = Spherical.separation_rad(expected.ra_rad(), expected.dec_rad(), d.ra_rad(), d.dec_rad());
        return new DataPeak(d.ra_rad(), d.dec_rad(), Math.toDegrees(offset) * 60, map[best], edge);
    }

    /** Offset in pixels of the vertex of the parabola through (-1, a), (0, b), (1, c), within [-0.5, 0.5]. */
    private static double vertex(double a, double b, double c) {
        double den = a - 2 * b + c;
        return den >= 0 ? 0 : Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / den));
    }

    /**
     * Where the data put the brightest source.
     *
     * @param ra_rad         J2000 right ascension of the peak
     * @param dec_rad        J2000 declination of the peak
     * @param offset_arcmin  angular distance from the expected position, arcmin
     * @param value          map value at the peak pixel
     * @param onEdge         whether the maximum is on the grid border
     */
    public record DataPeak(double ra_rad, double dec_rad, double offset_arcmin, double value, boolean onEdge)
            implements Serializable {}
}
