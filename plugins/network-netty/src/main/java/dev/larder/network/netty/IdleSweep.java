package dev.larder.network.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.time.Clock;
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
 * <p>The second is kept by a thread of its own, which hands each loop its round:
 * a task scheduled on a loop would make every one of its waits for I/O a timed
 * one (see {@link IoLoops}).
 */
final class IdleSweep {

    private final ConnectionRegistry registry;
    private final IdleTimer timer;
    private final Clock clock;
    private ScheduledExecutorService ticker;

    IdleSweep(ConnectionRegistry registry, IdleTimer timer, Clock clock) {
        this.registry = registry;
        this.timer = timer;
        this.clock = clock;
    }

    void start(EventLoopGroup loops) {
        ticker = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("larder-idle-sweep", true));
        ticker.scheduleAtFixedRate(() -> {
            for (EventExecutor loop : loops) {
                try {
                    loop.execute(() -> sweep(loop));
                } catch (RejectedExecutionException shuttingDown) {
                    return;
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private void sweep(EventExecutor loop) {
        timer.swept();
        long now = clock.millis();
        registry.forEachOn(loop, connection -> {
            if (timer.isIdle(connection.lastActivityMillis(), now) && connection.outputPending() == 0
                    && !connection.receivingLargeRequest()) {
                timer.kicked();
                connection.close();
            }
        });
    }
}
