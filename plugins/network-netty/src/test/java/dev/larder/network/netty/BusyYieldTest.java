package dev.larder.network.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A busy loop yields once per interval, and never when a round found nothing or the interval is 0. */
class BusyYieldTest {

    private long now = 1_000_000;
    private int yields;

    private BusyYield everyMicros(int micros) {
        return new BusyYield(TimeUnit.MICROSECONDS.toNanos(micros), () -> now, () -> yields++);
    }

    @Test
    void yieldsOncePerIntervalWhileRoundsServe() {
        serveRounds(everyMicros(200), 100, 10_000, 3); // 10 µs a round: 1 ms in all
        assertEquals(5, yields);
    }

    @Test
    void doesNotYieldBeforeTheIntervalHasPassed() {
        BusyYield busy = everyMicros(200);
        now += 199_999;
        busy.afterRound(1);
        assertEquals(0, yields);
        now += 1;
        busy.afterRound(1);
        assertEquals(1, yields);
    }

    @Test
    void anEmptyRoundNeverYields() {
        BusyYield busy = everyMicros(200);
        now += 1_000_000;
        busy.afterRound(0);
        assertEquals(0, yields);
    }

    @Test
    void zeroTurnsItOff() {
        serveRounds(everyMicros(0), 10, 1_000_000, 5);
        assertEquals(0, yields);
    }

    private void serveRounds(BusyYield busy, int rounds, long nanosEach, int handled) {
        for (int round = 0; round < rounds; round++) {
            now += nanosEach;
            busy.afterRound(handled);
        }
    }
}
