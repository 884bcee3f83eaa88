package dev.larder.kernel.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CoarseClockTest {

    @Test
    void whileStartedItFollowsTheSystemClockByTicks() {
        CoarseClock clock = new CoarseClock(100);
        clock.start();
        try {
            long first = clock.millis();
            assertThat(Math.abs(first - System.currentTimeMillis())).isLessThan(1_000);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (clock.millis() == first) {
                assertThat(System.nanoTime()).as("the clock ticked within 5 s").isLessThan(deadline);
                LockSupport.parkNanos(1_000_000);
            }
            long ticked = clock.millis();
            assertThat(ticked).isGreaterThan(first);
            assertThat(ticked).isLessThanOrEqualTo(System.currentTimeMillis());
        } finally {
            clock.stop();
        }
    }

    @Test
    void itTicksAtItsRateWhileReadAndSlowerWhenNotRead() {
        CoarseClock fine = new CoarseClock(2);
        assertThat(fine.nextTickMillis(true)).isEqualTo(2);
        assertThat(fine.nextTickMillis(false)).isEqualTo(CoarseClock.IDLE_TICK_MILLIS);
        CoarseClock coarse = new CoarseClock(500);
        assertThat(coarse.nextTickMillis(true)).isEqualTo(500);
        assertThat(coarse.nextTickMillis(false)).isEqualTo(500);
    }

    @Test
    void stoppingEndsItsThreadAndItStartsAgain() throws InterruptedException {
        Set<Thread> before = clockThreads();
        CoarseClock clock = new CoarseClock(100);
        clock.start();
        Set<Thread> started = clockThreads();
        started.removeAll(before);
        assertThat(started).hasSize(1);
        clock.stop();
        Thread ticker = started.iterator().next();
        ticker.join(5_000);
        assertThat(ticker.isAlive()).as("the clock thread ended within 5 s").isFalse();
        clock.start();
        try {
            assertThat(Math.abs(clock.millis() - System.currentTimeMillis())).isLessThan(1_000);
        } finally {
            clock.stop();
        }
    }

    private static Set<Thread> clockThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("larder-clock"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void aTickBelowOneMillisecondIsRefused() {
        assertThatThrownBy(() -> new CoarseClock(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stoppedOrNeverStartedItReadsTheSystemClock() {
        CoarseClock clock = new CoarseClock(100);
        long before = System.currentTimeMillis();
        assertThat(clock.millis()).isBetween(before, System.currentTimeMillis());
        clock.start();
        clock.stop();
        before = System.currentTimeMillis();
        assertThat(clock.instant().toEpochMilli()).isBetween(before, System.currentTimeMillis());
    }
}
