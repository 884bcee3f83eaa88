package dev.larder.network.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes idle connections: once a second, each event loop looks at its own
 * connections' last-activity times. One round per loop instead of a timer per
 * connection re-armed on every read. Idle means no request served for the
 * timeout, as memcached's "no command": a client that dribbles a command line
 * byte by byte is idle. A connection with output still pending, or a large value
 * on its way in, is busy, not idle, however long ago its request came.
 *
 * <p>The second is kept by a thread of its own, which also ticks the {@link CoarseClock}
 * and hands each loop its round:
 * a task scheduled on a loop would make every one of its waits for I/O a timed
 * one (see {@link IoLoops}).
 */
final class IdleSweep {

    private final ConnectionRegistry registry;
    private final IdleTimer timer;
    private static final long TICKS_PER_SWEEP = 1000 / CoarseClock.TICK_MILLIS;

    private ScheduledExecutorService ticker;
    private long ticks; // by the ticker thread only

    IdleSweep(ConnectionRegistry registry, IdleTimer timer) {
        this.registry = registry;
        this.timer = timer;
    }

    void start(EventLoopGroup loops) {
        ticker = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("larder-idle-sweep", true));
        ticker.scheduleAtFixedRate(() -> {
            CoarseClock.tick();
            if (++ticks % TICKS_PER_SWEEP != 0) {
                return;
            }
            for (EventExecutor loop : loops) {
                try {
                    loop.execute(() -> sweep(loop));
                } catch (RejectedExecutionException shuttingDown) {
                    return;
                }
            }
        }, CoarseClock.TICK_MILLIS, CoarseClock.TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private void sweep(EventExecutor loop) {
        timer.swept();
        long now = System.nanoTime();
        registry.forEachOn(loop, connection -> {
            if (timer.isIdle(connection.lastActivityNanos(), now) && connection.outputPending() == 0
                    && !connection.receivingLargeRequest()) {
                timer.kicked();
                connection.close();
            }
        });
    }
}
