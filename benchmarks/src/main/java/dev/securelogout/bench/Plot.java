package dev.securelogout.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the report's figures with java.awt, headless: time against a count on log-log axes, one
 * line per store with its min–max bars, slope-1 guides and, when there is one, the time limit.
 */
final class Plot {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final int LEFT = 90;
    private static final int RIGHT = 230;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final List<Color> COLORS = List.of(new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b));

    private Plot() {
    }

    static void logoutEverywhere(Map<Backend, Map<Integer, Summary>> results, double limitMs, Path file) throws IOException {
        Map<String, Map<Integer, Summary>> series = new LinkedHashMap<>();
        results.forEach((backend, bySize) -> series.put(backend.label(), bySize));
        draw(series, 1, 10_000, limitMs, "Logout everywhere: one user's sessions ended (median, min–max bars)",
                "sessions of the user (log scale)", file);
    }

    /**
     * Draws {@code results} (milliseconds by x, one line per label) on log-log axes from {@code xMin}
     * to {@code xMax}, with a dashed target line at {@code limitMs} unless it is NaN.
     */
    static void draw(Map<String, Map<Integer, Summary>> results, double xMin, double xMax, double limitMs, String title,
                     String xTitle, Path file) throws IOException {
        boolean limited = !Double.isNaN(limitMs);
        double low = limited ? limitMs : Double.MAX_VALUE;
        double high = limited ? limitMs : 0;
        for (Map<Integer, Summary> bySize : results.values()) {
            for (Summary s : bySize.values()) {
                low = Math.min(low, s.min());
                high = Math.max(high, s.max());
            }
        }
        double yMin = Math.pow(10, Math.floor(Math.log10(low)));
        double yMax = Math.pow(10, Math.ceil(Math.log10(high * 1.01)));
        Axes axes = new Axes(Math.log10(xMin) - 0.15, Math.log10(xMax) + 0.15, Math.log10(yMin), Math.log10(yMax));
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        grid(g, axes, xMin, xMax, yMin, yMax, xTitle);

        g.setClip(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        Stroke dotted = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {2f, 4f}, 0f);
        g.setStroke(dotted);
        g.setColor(new Color(0xbbbbbb));
        for (double decade = Math.log10(yMin) - 4; decade <= Math.log10(yMax); decade++) {
            g.drawLine(axes.x(axes.x0), axes.y(decade), axes.x(axes.x1), axes.y(decade + (axes.x1 - axes.x0)));
        }
        if (limited) {
            g.setColor(new Color(0x555555));
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {8f, 6f}, 0f));
            int limitY = axes.y(Math.log10(limitMs));
            g.drawLine(axes.x(axes.x0), limitY, axes.x(axes.x1), limitY);
            g.drawString("target: " + (int) limitMs + " ms", axes.x(axes.x0) + 8, limitY - 6);
        }

        int index = 0;
        for (Map.Entry<String, Map<Integer, Summary>> entry : results.entrySet()) {
            Color color = COLORS.get(index % COLORS.size());
            g.setColor(color);
            g.setStroke(new BasicStroke(2.2f));
            int px = -1;
            int py = -1;
            for (Map.Entry<Integer, Summary> point : entry.getValue().entrySet()) {
                int x = axes.x(Math.log10(point.getKey()));
                int y = axes.y(Math.log10(point.getValue().median()));
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.setStroke(new BasicStroke(1.2f));
                g.drawLine(x, axes.y(Math.log10(point.getValue().min())), x, axes.y(Math.log10(point.getValue().max())));
                g.fillOval(x - 4, y - 4, 9, 9);
                g.setStroke(new BasicStroke(2.2f));
                px = x;
                py = y;
            }
            index++;
        }
        g.setClip(null);
        index = 0;
        for (String label : results.keySet()) {
            int ly = TOP + 30 + index * 24;
            g.setColor(COLORS.get(index % COLORS.size()));
            g.fillRect(WIDTH - RIGHT + 24, ly - 9, 18, 10);
            g.setColor(Color.BLACK);
            g.drawString(label, WIDTH - RIGHT + 50, ly);
            index++;
        }
        g.setColor(new Color(0x888888));
        g.drawString("dotted: slope 1 (linear growth)", WIDTH - RIGHT + 24, TOP + 40 + index * 24);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 30);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static void grid(Graphics2D g, Axes axes, double xMin, double xMax, double yMin, double yMax, String xTitle) {
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (double x = xMin; x <= xMax; x *= 10) {
            int px = axes.x(Math.log10(x));
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(px, TOP, px, HEIGHT - BOTTOM);
            g.setColor(Color.BLACK);
            String label = String.format(java.util.Locale.ROOT, "%,d", (long) x);
            g.drawString(label, px - fm.stringWidth(label) / 2, HEIGHT - BOTTOM + 20);
        }
        for (double y = yMin; y <= yMax * 1.0001; y *= 10) {
            int py = axes.y(Math.log10(y));
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(LEFT, py, WIDTH - RIGHT, py);
            g.setColor(Color.BLACK);
            String label = y >= 1 ? String.format(java.util.Locale.ROOT, "%,d ms", (long) y) : y * 1000 >= 1
                    ? String.format(java.util.Locale.ROOT, "%d µs", Math.round(y * 1000))
                    : String.format(java.util.Locale.ROOT, "%d ns", Math.round(y * 1e6));
            g.drawString(label, LEFT - 8 - fm.stringWidth(label), py + 5);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
        g.drawString(xTitle, LEFT + (WIDTH - LEFT - RIGHT - fm.stringWidth(xTitle)) / 2, HEIGHT - 25);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        String yTitle = "time (log scale)";
        rotated.drawString(yTitle, -(TOP + (HEIGHT - TOP - BOTTOM + fm.stringWidth(yTitle)) / 2), 22);
        rotated.dispose();
    }

    /** Maps log10 data coordinates to pixels inside the frame. */
    private record Axes(double x0, double x1, double y0, double y1) {
        int x(double v) {
            return (int) Math.round(LEFT + (v - x0) / (x1 - x0) * (WIDTH - LEFT - RIGHT));
        }

        int y(double v) {
            return (int) Math.round(HEIGHT - BOTTOM - (v - y0) / (y1 - y0) * (HEIGHT - TOP - BOTTOM));
        }
    }
}
