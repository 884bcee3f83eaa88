package dev.larder.kernel.jmx;

import dev.larder.spi.Description;
/** {@code dev.larder:type=Kernel}: what is running. */
@Description("dev.larder:type=Kernel: what is running.")
public interface KernelMXBean {

    /** Larder's version. */
    @Description("Larder's version.")
    String getVersion();

    /** Seconds since the server started. */
    @Description("Seconds since the server started.")
    long getUptimeSeconds();

    /** The loaded plugins, as "name version (slot) from source". */
    @Description("The loaded plugins, as \"name version (slot) from source\".")
    String[] getPlugins();

    /** Every setting, as "name=value". */
    @Description("Every setting, as \"name=value\".")
    String[] getSettings();
}
