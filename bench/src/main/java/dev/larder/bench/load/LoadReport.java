package dev.larder.bench.load;

import org.HdrHistogram.Histogram;

/** The outcome of a run, printed as text and written as JSON. */
record LoadReport(String protocol, boolean tls, int connections, int depth, double rate, double getRatio, int keySpace,
                  String distribution, int valueSize, long requests, double seconds, double requestsPerSecond,
                  long hits, long misses, long stored, long errors, double serverCpuMicrosPerRequest,
                  Latency latencyMicros) {

    /** Latency percentiles in microseconds. */
    record Latency(long p50, long p99, long p999, long max, double mean) {

        static Latency of(Histogram h) {
            return new Latency(h.getValueAtPercentile(50), h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean());
        }
    }

    String text() {
        String cpu = serverCpuMicrosPerRequest >= 0
                ? String.format("%nserver CPU: %.2f µs a request", serverCpuMicrosPerRequest) : "";
        return String.format("%,d requests in %.1f s: %,.0f req/s (hits %,d, misses %,d, stored %,d, errors %,d)%n"
                        + "latency µs: p50 %,d  p99 %,d  p99.9 %,d  max %,d  mean %.1f",
                requests, seconds, requestsPerSecond, hits, misses, stored, errors, latencyMicros.p50(),
                latencyMicros.p99(), latencyMicros.p999(), latencyMicros.max(), latencyMicros.mean()) + cpu;
    }
}
