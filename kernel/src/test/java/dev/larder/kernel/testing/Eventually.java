package dev.larder.kernel.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition with a deadline, instead of sleeping a guessed time. */
public final class Eventually {

    private Eventually() {
    }

    public static void waitFor(String what, Duration deadline, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + deadline + " waiting for " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
