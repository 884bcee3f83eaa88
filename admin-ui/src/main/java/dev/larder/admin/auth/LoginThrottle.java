package dev.larder.admin.auth;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down password guessing: each wrong password in a row makes the next
 * answer wait longer (half a second more each time, up to ten seconds); a
 * right one starts again from nothing.
 */
public final class LoginThrottle {

    private static final long STEP_MILLIS = 500;
    private static final long MAX_MILLIS = 10_000;

    private final AtomicInteger failuresInARow = new AtomicInteger();

    /** How long to hold the answer to a wrong password. */
    public long failed() {
        return Math.min(MAX_MILLIS, STEP_MILLIS * failuresInARow.incrementAndGet());
    }

    public void succeeded() {
        failuresInARow.set(0);
    }
}
