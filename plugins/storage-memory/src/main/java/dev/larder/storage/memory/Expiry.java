package dev.larder.storage.memory;

/** memcached's rules for an item's expiry time. */
final class Expiry {

    /** Relative expiry times go up to 30 days; larger values are absolute Unix times. */
    static final long MAX_RELATIVE_SECONDS = 60L * 60 * 24 * 30;

    static final long NEVER = Long.MAX_VALUE;

    private Expiry() {
    }

    /**
     * The moment, in epoch milliseconds, an item stored now with {@code exptime}
     * stops being live: {@link #NEVER} for 0, the past for a negative value.
     */
    static long deadlineMillis(long exptime, long nowMillis) {
        if (exptime == 0) {
            return NEVER;
        }
        if (exptime < 0) {
            return Long.MIN_VALUE;
        }
        if (exptime <= MAX_RELATIVE_SECONDS) {
            return nowMillis + exptime * 1000;
        }
        return exptime * 1000;
    }
}
