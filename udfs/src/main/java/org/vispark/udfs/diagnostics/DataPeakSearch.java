package org.vispark.udfs.diagnostics;

import java.io.Serializable;
import org.vispark.udfs.astro.RaDec;
import org.vispark.udfs.astro.Spherical;

/**
 * The two passes of the data-peak search with {@link FringeMapAccumulator}: a coarse grid of
 * {@value #COARSE_HALF_WIDTH} pixels each side covering a search radius about the expected position, then a fine grid
 * of pixel {@code coarse / }{@value #REFINE} and {@value #FINE_HALF_WIDTH} pixels each side (1.5 coarse pixels)
 * about the coarse peak; the fine peak is refined by a parabola through the peak pixel and its neighbours along each
 * axis. The map of one group is broad (tens of arcminutes: delay resolution c / (|b| B df)), so a coarse pixel of
 * radius / 12 samples it; the fine pass then resolves the summed map's peak to ~0.1 pixel.
 */
public final class DataPeakSearch {
    /** Coarse pixels each side of the expected position. */
    public static final int COARSE_HALF_WIDTH = 12;
    /** Fine pixels per coarse pixel. */
    public static final int REFINE = 6;
    /** Fine pixels each side of the coarse peak. */
    public static final int FINE_HALF_WIDTH = 9;

    private DataPeakSearch() {}

    /** The coarse grid: {@code searchRadius_rad} each side of {@code expected}. */
    public static SkyGrid coarseGrid(RaDec expected, double searchRadius_rad) {
        return new SkyGrid(expected, searchRadius_rad / COARSE_HALF_WIDTH, COARSE_HALF_WIDTH);
    }

    /** The fine grid about the peak of the coarse map. */
    public static SkyGrid fineGrid(SkyGrid coarse, double[] coarseMap) {
        DataPeak p = peak(coarse, coarseMap, coarse.centre());
        return new SkyGrid(RaDec.j2000(p.ra_rad(), p.dec_rad()), coarse.pixel_rad() / REFINE, FINE_HALF_WIDTH);
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
