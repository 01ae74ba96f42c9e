package io.github.wechatpay4j.benchmarks;

import java.util.List;

/** The statistics of the report: a sample's mean, its 99.9% interval (Student's t) and its spread. */
final class Stats {
    private Stats() {}

    /** A mean with the half-width of its two-sided 99.9% confidence interval. */
    record Interval(double mean, double halfWidth, int n) {
        double relative() {
            return mean == 0 ? Double.NaN : halfWidth / mean;
        }

        double low() {
            return mean - halfWidth;
        }

        double high() {
            return mean + halfWidth;
        }
    }

    static Interval interval(List<Double> sample) {
        int n = sample.size();
        double mean = mean(sample);
        if (n < 2) {
            return new Interval(mean, Double.NaN, n);
        }
        return new Interval(mean, t9995(n - 1) * sd(sample) / Math.sqrt(n), n);
    }

    static double mean(List<Double> sample) {
        return sample.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double sd(List<Double> sample) {
        double mean = mean(sample);
        double sum = 0;
        for (double v : sample) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (sample.size() - 1));
    }

    /** The coefficient of variation: the standard deviation over the mean. */
    static double cv(List<Double> sample) {
        return sample.size() < 2 ? Double.NaN : sd(sample) / mean(sample);
    }

    private static final int[] DF = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 60, 120};
    private static final double[] T = {
        636.62, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587, 4.318, 4.073, 3.850, 3.725, 3.646,
        3.551, 3.460, 3.373
    };

    /** The 0.9995 quantile of Student's t with {@code df} degrees of freedom (table, linear in 1/df between rows). */
    static double t9995(int df) {
        if (df >= 120) {
            return 3.373 + (3.291 - 3.373) * (1 - 120.0 / df);
        }
        for (int i = 0; i < DF.length; i++) {
            if (DF[i] == df) {
                return T[i];
            }
            if (DF[i] > df) {
                double x0 = 1.0 / DF[i - 1];
                double x1 = 1.0 / DF[i];
                double x = 1.0 / df;
                return T[i - 1] + (T[i] - T[i - 1]) * (x - x0) / (x1 - x0);
            }
        }
        return 3.291;
    }
}
