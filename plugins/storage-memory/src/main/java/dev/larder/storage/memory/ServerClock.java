package dev.larder.storage.memory;

import java.time.Clock;

/**
 * Time as the store keeps it, like memcached's {@code rel_time}: whole seconds
 * since the store started, offset so that 0 can mean "never" and 1 "already
 * past". Also turns memcached's expiry times into that scale and back.
 */
final class ServerClock {

    /** Relative expiry times go up to 30 days; larger values are absolute Unix times. */
    static final long MAX_RELATIVE_SECONDS = 60L * 60 * 24 * 30;
    static final int NEVER = 0;
    static final int ALREADY_EXPIRED = 1;
    private static final int FIRST_SECOND = 2;

    private final Clock clock;
    private final long startMillis;

    ServerClock(Clock clock) {
        this.clock = clock;
        this.startMillis = clock.millis();
    }

    /** Now, in store seconds (at least 2). */
    int now() {
        return (int) ((clock.millis() - startMillis) / 1000) + FIRST_SECOND;
    }

    /** memcached's {@code exptime} as store seconds: {@link #NEVER}, or the second it stops being live. */
    int expiry(long exptime) {
        if (exptime == 0) {
            return NEVER;
        }
        if (exptime < 0) {
            return ALREADY_EXPIRED;
        }
        if (exptime <= MAX_RELATIVE_SECONDS) {
            return (int) Math.min(Integer.MAX_VALUE, now() + exptime);
        }
        long relative = exptime - startMillis / 1000 + FIRST_SECOND;
        return relative <= FIRST_SECOND ? ALREADY_EXPIRED : (int) Math.min(Integer.MAX_VALUE, relative);
    }

    /** A store-seconds expiry as an absolute Unix time (0 for never), for the memory file. */
    long toUnixTime(int expiry) {
        return expiry == NEVER ? 0 : startMillis / 1000 + expiry - FIRST_SECOND;
    }

    /** Whether an item with this expiry is dead now. */
    static boolean expired(int expiry, int now) {
        return expiry != NEVER && expiry <= now;
    }
}
