package dev.larder.network.netty;

import io.netty.util.internal.PlatformDependent;

/**
 * The JVM's direct memory, where the store's items and every network buffer
 * live, against its cap ({@code -XX:MaxDirectMemorySize}, which the launcher
 * derives from {@code -m}, {@code -c} and {@code -I}). Near the cap a connection
 * stops reading, so that a new read waits rather than an allocation failing.
 */
final class DirectMemory {

    /** The share of the cap beyond which connections stop reading. */
    private static final double NEAR = 0.9;

    private DirectMemory() {
    }

    static boolean nearCap() {
        long used = PlatformDependent.usedDirectMemory();
        return used >= 0 && used > PlatformDependent.maxDirectMemory() * NEAR;
    }

    static long used() {
        return Math.max(0, PlatformDependent.usedDirectMemory());
    }

    static long cap() {
        return PlatformDependent.maxDirectMemory();
    }
}
