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

    /** The reply counts so far, to leave a warm-up out of a report. */
    Counts counts() {
        return new Counts(hits.sum(), misses.sum(), stored.sum(), errors.sum());
    }

    /** Replies by kind at one moment. */
    record Counts(long hits, long misses, long stored, long errors) {

        static final Counts NONE = new Counts(0, 0, 0, 0);

        Counts since(Counts before) {
            return new Counts(hits - before.hits, misses - before.misses, stored - before.stored,
                    errors - before.errors);
        }

        long replies() {
            return hits + misses + stored + errors;
        }
    }
}
