package dev.larder.bench.load;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The clock of an open-loop run: each event loop spins, checking between polls
 * of its sockets which of its connections have requests due, so requests leave
 * within microseconds of their time. The generator's core is its own (bench
 * pins it), so spinning costs nothing; a scheduled task or a sleeping thread
 * woke up to milliseconds late (an idle NIO selector waits in whole
 * milliseconds, and a second thread on the core has to be scheduled in).
 */
final class Pacers {

    /** What a tick drives, on its connection's event loop. */
    interface Paced {
        /** Sends what has fallen due by {@code now}; false once it is done and needs no more ticks. */
        boolean sendDue(long now);
    }

    private final Map<EventExecutor, List<Paced>> loops = new ConcurrentHashMap<>();

    /** Ticks {@code paced} on {@code executor} (called on that loop) until it says it is done. */
    void join(EventExecutor executor, Paced paced) {
        List<Paced> members = loops.computeIfAbsent(executor, e -> new ArrayList<>());
        members.add(paced);
        if (members.size() == 1) {
            executor.schedule(() -> tick(executor, members), 0, TimeUnit.NANOSECONDS);
        }
    }

    private static void tick(EventExecutor executor, List<Paced> members) {
        long now = System.nanoTime();
        members.removeIf(paced -> !paced.sendDue(now));
        if (!members.isEmpty()) {
            // Scheduled, not executed: a task executed from a task runs before any I/O is polled, while a
            // scheduled one due now waits for the loop's next round, which polls its sockets without blocking.
            executor.schedule(() -> tick(executor, members), 0, TimeUnit.NANOSECONDS);
        }
    }
}
