package dev.larder.admin.auth;

import java.util.HashMap;
import java.util.Map;

/**
 * Limits password guessing. Each wrong password in a row makes the next answer
 * wait longer (half a second more each time, up to ten seconds), and an attempt
 * holds its place until it is answered: while {@value #PER_ADDRESS} attempts from
 * one address, or {@value #IN_TOTAL} in all, are under way, more are refused at
 * once without checking the password. Guesses therefore cannot be made faster by
 * sending many at a time, and the password hash is never computed for more than
 * {@value #IN_TOTAL} requests at once. A right password starts the delay again
 * from nothing.
 */
public final class LoginThrottle {

    static final int PER_ADDRESS = 2;
    static final int IN_TOTAL = 16;
    private static final long STEP_MILLIS = 500;
    private static final long MAX_MILLIS = 10_000;

    private final Map<String, Integer> underWayByAddress = new HashMap<>();
    private int underWay;
    private int failuresInARow;

    /** A place for one attempt from {@code address}, or null when too many are under way. */
    public synchronized Attempt begin(String address) {
        int fromAddress = underWayByAddress.getOrDefault(address, 0);
        if (fromAddress >= PER_ADDRESS || underWay >= IN_TOTAL) {
            return null;
        }
        underWayByAddress.put(address, fromAddress + 1);
        underWay++;
        return new Attempt(address);
    }

    private synchronized void end(String address) {
        underWay--;
        underWayByAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
    }

    /** How long to hold the answer to a wrong password. */
    synchronized long failed() {
        failuresInARow++;
        return Math.min(MAX_MILLIS, STEP_MILLIS * failuresInARow);
    }

    synchronized void succeeded() {
        failuresInARow = 0;
    }

    synchronized int underWay() {
        return underWay;
    }

    /** One attempt's place; {@link #end()} gives it back, once, when the attempt is answered. */
    public final class Attempt {
        private final String address;
        private boolean ended;

        private Attempt(String address) {
            this.address = address;
        }

        public void end() {
            synchronized (LoginThrottle.this) {
                if (ended) {
                    return;
                }
                ended = true;
                LoginThrottle.this.end(address);
            }
        }
    }
}
