package dev.larder.kernel.jmx;

/** {@code dev.larder:type=Kernel}: what is running. */
public interface KernelMXBean {

    /** Larder's version. */
    String getVersion();

    /** Seconds since the server started. */
    long getUptimeSeconds();

    /** The loaded plugins, as "name version (slot) from source". */
    String[] getPlugins();

    /** Every setting, as "name=value". */
    String[] getSettings();
}
