package org.vispark.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small x-y chart written as PNG with java.awt (headless): series of points, of lines or of bars, linear axes
 * from the finite values with about five round ticks, a legend. Enough for report plots without a plotting library.
 */
public final class PngPlot {
    /** How a series is drawn. */
    public enum Style { POINTS, LINE, BARS }

    /** Ten distinguishable colours (matplotlib's tab10), for series by index. */
    public static Color colour(int i) {
        int[] rgb = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
        return new Color(rgb[Math.floorMod(i, rgb.length)]);
    }

    private record Series(String label, Color colour, Style style, double[] x, double[] y) {}

    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 30;
    private static final int BOTTOM = 50;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    public PngPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series; x and y of equal length. */
    public PngPlot add(String label, Color colour, Style style, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + label + ": " + x.length + " x values, " + y.length + " y");
        }
        series.add(new Series(label, colour, style, x.clone(), y.clone()));
        return this;
    }

    /** Renders the chart to a PNG file. */
    public void write(Path file) throws IOException {
        double[] xr = range(true);
        double[] yr = range(false);
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            axes(g, xr, yr);
            for (Series s : series) {
                draw(g, s, xr, yr);
            }
            legend(g);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }

    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (!x && s.style() == Style.BARS) {
                lo = Math.min(lo, 0);
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        if (hi - lo <= 1e-9 * Math.max(Math.abs(lo), Math.abs(hi))) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            return new double[] {lo - pad, hi + pad};
        }
        double pad = (hi - lo) * 0.05;
        return new double[] {lo - pad, hi + pad};
    }

    private static int px(double v, double[] r) {
        return LEFT + (int) Math.round((v - r[0]) / (r[1] - r[0]) * (WIDTH - LEFT - RIGHT));
    }

    private static int py(double v, double[] r) {
        return HEIGHT - BOTTOM - (int) Math.round((v - r[0]) / (r[1] - r[0]) * (HEIGHT - TOP - BOTTOM));
    }

    private void axes(Graphics2D g, double[] xr, double[] yr) {
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        g.drawString(title, LEFT, TOP - 10);
        g.drawString(xLabel, (WIDTH + LEFT) / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, HEIGHT - 12);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(HEIGHT + TOP - BOTTOM) / 2 - g.getFontMetrics().stringWidth(yLabel) / 2, 16);
        g.setTransform(saved);
        for (double t : ticks(xr)) {
            int x = px(t, xr);
            g.drawLine(x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 4);
            String s = label(t);
            g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, HEIGHT - BOTTOM + 16);
        }
        for (double t : ticks(yr)) {
            int y = py(t, yr);
            g.drawLine(LEFT - 4, y, LEFT, y);
            String s = label(t);
            g.drawString(s, LEFT - 6 - g.getFontMetrics().stringWidth(s), y + 4);
        }
    }

    private static void draw(Graphics2D g, Series s, double[] xr, double[] yr) {
        g.setColor(s.colour());
        g.setStroke(new BasicStroke(1.2f));
        int prevX = Integer.MIN_VALUE;
        int prevY = 0;
        double barWidth = s.x().length > 1 ? (WIDTH - LEFT - RIGHT) / (double) (s.x().length + 1) * 0.7 : 10;
        for (int i = 0; i < s.x().length; i++) {
            if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                prevX = Integer.MIN_VALUE;
                continue;
            }
            int x = px(s.x()[i], xr);
            int y = py(s.y()[i], yr);
            switch (s.style()) {
                case POINTS -> g.fillOval(x - 2, y - 2, 4, 4);
                case LINE -> {
                    if (prevX != Integer.MIN_VALUE) {
                        g.drawLine(prevX, prevY, x, y);
                    }
                    g.fillOval(x - 2, y - 2, 4, 4);
                }
                case BARS -> {
                    int y0 = py(Math.max(yr[0], 0), yr);
                    int w = Math.max(2, (int) barWidth);
                    g.fillRect(x - w / 2, Math.min(y, y0), w, Math.abs(y0 - y));
                }
            }
            prevX = x;
            prevY = y;
        }
    }

    private void legend(Graphics2D g) {
        int y = TOP + 14;
        for (Series s : series) {
            if (s.label() == null) {
                continue;
            }
            int w = g.getFontMetrics().stringWidth(s.label());
            g.setColor(s.colour());
            g.fillRect(WIDTH - RIGHT - w - 22, y - 8, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), WIDTH - RIGHT - w - 8, y + 1);
            y += 14;
        }
    }

    /** About five round tick values within the range. */
    static double[] ticks(double[] r) {
        double span = r[1] - r[0];
        double raw = span / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag * (raw / mag < 1.5 ? 1 : raw / mag < 3.5 ? 2 : raw / mag < 7.5 ? 5 : 10);
        long first = (long) Math.ceil(r[0] / step);
        int n = (int) Math.min(20, Math.floor(r[1] / step) - first + 1);
        double[] out = new double[Math.max(0, n)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (first + i) * step;
        }
        return out;
    }

    private static String label(double v) {
        return Math.abs(v) >= 1e5 || (v != 0 && Math.abs(v) < 1e-3) ? String.format(Locale.ROOT, "%.2e", v)
                : trimZeros(String.format(Locale.ROOT, "%.6f", v));
    }

    private static String trimZeros(String s) {
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
