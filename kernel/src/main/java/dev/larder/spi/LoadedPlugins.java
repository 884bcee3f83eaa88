package dev.larder.spi;

import java.util.List;

/** What the server loaded, for listings in the console, JMX and {@code stats}. */
public record LoadedPlugins(List<Info> plugins) {

    public LoadedPlugins {
        plugins = List.copyOf(plugins);
    }

    /** One loaded plugin; {@code source} is its folder, or "classpath". */
    public record Info(String name, Slot slot, String version, String source) {
    }
}
