package dev.larder.bench.load;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** What all connections have seen: replies by kind and their latencies in microseconds. */
final class Tally {

    final Recorder latencyMicros = new Recorder(3);
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder stored = new LongAdder();
    final LongAdder errors = new LongAdder();

    void count(WireProtocol.Reply reply, long latencyNanos) {
        latencyMicros.recordValue(Math.max(1, latencyNanos / 1000));
        switch (reply) {
            case HIT -> hits.increment();
            case MISS -> misses.increment();
            case STORED -> stored.increment();
            default -> errors.increment();
        }
    }

    long replies() {
        return hits.sum() + misses.sum() + stored.sum() + errors.sum();
    }
}
