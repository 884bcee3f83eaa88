package dev.larder.network.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes idle connections: once a second, each event loop looks at its own
 * connections' last-activity times. One task per loop instead of a timer per
 * connection re-armed on every read. A connection with output still pending is
 * busy, not idle, however long ago its request came.
 */
final class IdleSweep {

    private final ConnectionRegistry registry;
    private final IdleTimer timer;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    IdleSweep(ConnectionRegistry registry, IdleTimer timer) {
        this.registry = registry;
        this.timer = timer;
    }

    void start(EventLoopGroup loops) {
        for (EventExecutor loop : loops) {
            tasks.add(loop.scheduleAtFixedRate(() -> sweep(loop), 1, 1, TimeUnit.SECONDS));
        }
    }

    void stop() {
        tasks.forEach(task -> task.cancel(false));
        tasks.clear();
    }

    private void sweep(EventExecutor loop) {
        timer.swept();
        long now = System.nanoTime();
        registry.forEachOn(loop, connection -> {
            if (timer.isIdle(connection.lastActivityNanos(now), now) && connection.outputPending() == 0) {
                timer.kicked();
                connection.close();
            }
        });
    }
}
