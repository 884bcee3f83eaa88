package dev.larder.kernel.boot;

import dev.larder.spi.StartupException;
import dev.larder.spi.Service;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts services slot by slot (storage, protocol, network, admin) and stops them
 * in reverse. If one fails to start, those already started are stopped again.
 */
final class ServiceLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServiceLifecycle.class);

    private final List<Service> ordered;
    private final Deque<Service> running = new ArrayDeque<>();

    ServiceLifecycle(Set<Service> services) {
        this.ordered = services.stream()
                .sorted(Comparator.comparing(Service::phase).thenComparing(Service::name))
                .toList();
    }

    List<Service> order() {
        return ordered;
    }

    /** Starts the services in order, none once {@code stopRequested} says a stop is waiting. */
    void startAll(BooleanSupplier stopRequested) {
        for (Service service : ordered) {
            if (stopRequested.getAsBoolean()) {
                log.info("Stop asked for while starting: {} and the services after it are not started", service.name());
                return;
            }
            try {
                log.debug("Starting {}", service.name());
                service.start();
                running.push(service);
            } catch (Exception e) {
                stopAll();
                if (e instanceof StartupException startup) {
                    throw startup;
                }
                throw new StartupException(service.name() + " failed to start: " + e.getMessage(), e);
            }
        }
    }

    void stopAll() {
        while (!running.isEmpty()) {
            Service service = running.pop();
            try {
                log.debug("Stopping {}", service.name());
                service.stop();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly: {}", service.name(), e.toString());
            }
        }
    }
}
