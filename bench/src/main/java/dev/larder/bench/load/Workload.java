package dev.larder.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/** What the generator asks for: which keys (uniform or Zipf over a key space), gets or sets, what values. */
final class Workload {

    private final byte[][] keys;
    private final byte[] value;
    private final double getRatio;
    /** For Zipf: the cumulative probability of each key rank; null for uniform. */
    private final double[] zipfCdf;

    Workload(int keySpace, String distribution, double getRatio, int valueSize) {
        this.keys = new byte[keySpace][];
        for (int i = 0; i < keySpace; i++) {
            keys[i] = String.format("key:%010d", i).getBytes(StandardCharsets.US_ASCII);
        }
        this.value = new byte[valueSize];
        Arrays.fill(value, (byte) 'v');
        this.getRatio = getRatio;
        this.zipfCdf = switch (distribution) {
            case "uniform" -> null;
            case "zipf" -> zipf(keySpace, 0.99);
            default -> throw new IllegalArgumentException("distribution must be uniform or zipf");
        };
    }

    private static double[] zipf(int n, double exponent) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, exponent);
            cdf[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cdf[i] /= sum;
        }
        return cdf;
    }

    int keySpace() {
        return keys.length;
    }

    byte[] key(int index) {
        return keys[index];
    }

    byte[] nextKey(SplittableRandom random) {
        if (zipfCdf == null) {
            return keys[random.nextInt(keys.length)];
        }
        int at = Arrays.binarySearch(zipfCdf, random.nextDouble());
        return keys[Math.min(keys.length - 1, at >= 0 ? at : -at - 1)];
    }

    boolean nextIsGet(SplittableRandom random) {
        return random.nextDouble() < getRatio;
    }

    byte[] value() {
        return value;
    }
}
