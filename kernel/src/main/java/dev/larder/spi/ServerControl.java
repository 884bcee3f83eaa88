package dev.larder.spi;

/** What plugins may ask of the server as a whole. Bound by the kernel. */
public interface ServerControl {

    /** Stops the server gracefully, as SIGTERM does; returns at once, the stop happens on its own thread. */
    void shutdown();
}
