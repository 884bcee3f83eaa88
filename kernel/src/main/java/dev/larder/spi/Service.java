package dev.larder.spi;

/**
 * Something that runs while the server runs: a listener, a console, a sweeper.
 * Contributed with {@code Multibinder.newSetBinder(binder(), Service.class)}.
 * Services start in the order of their {@link #phase()} and stop in reverse.
 */
public interface Service {

    /** Which slot's turn this service starts in. */
    Slot phase();

    /** A name for logs. */
    default String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }

    void start() throws Exception;

    /** Stops within a bounded time; must not throw for a service that never started. */
    void stop() throws Exception;
}
