package dev.larder.kernel.plugin;

import dev.larder.spi.LoadedPlugins;
import dev.larder.spi.Plugin;

/** A plugin found by the {@link PluginLoader}, and where it came from. */
public record DiscoveredPlugin(Plugin plugin, String source) {

    public LoadedPlugins.Info info() {
        return new LoadedPlugins.Info(plugin.name(), plugin.slot(), plugin.version(), source);
    }
}
