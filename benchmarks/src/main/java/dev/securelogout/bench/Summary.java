package dev.securelogout.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * A figure measured several times: its median and its spread (min and max of the samples).
 *
 * @param median the median sample
 * @param min    the smallest sample
 * @param max    the largest sample
 * @param count  how many samples
 */
record Summary(double median, double min, double max, int count) {

    /** The summary of {@code samples} (at least one). */
    static Summary of(double[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Summary(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /** This summary with every figure multiplied by {@code factor} (a change of unit). */
    Summary scaled(double factor) {
        return new Summary(median * factor, min * factor, max * factor, count);
    }

    /** "median (min–max)" with {@code digits} after the point. */
    String format(int digits) {
        String f = "%." + digits + "f";
        return String.format(Locale.ROOT, f + " (" + f + "–" + f + ")", median, min, max);
    }
}
