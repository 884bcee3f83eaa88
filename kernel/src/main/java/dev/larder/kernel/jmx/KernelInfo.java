package dev.larder.kernel.jmx;

import dev.larder.spi.LoadedPlugins;
import dev.larder.spi.Settings;
import java.time.Clock;
import java.time.Instant;

/** The kernel's own MXBean. */
public final class KernelInfo implements KernelMXBean {

    private final String version;
    private final LoadedPlugins plugins;
    private final Settings settings;
    private final Clock clock;
    private final Instant started;

    public KernelInfo(String version, LoadedPlugins plugins, Settings settings, Clock clock) {
        this.version = version;
        this.plugins = plugins;
        this.settings = settings;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public long getUptimeSeconds() {
        return clock.instant().getEpochSecond() - started.getEpochSecond();
    }

    @Override
    public String[] getPlugins() {
        return plugins.plugins().stream()
                .map(p -> p.name() + " " + p.version() + " (" + p.slot().label() + ") from " + p.source())
                .toArray(String[]::new);
    }

    @Override
    public String[] getSettings() {
        return settings.all().stream()
                .map(v -> v.setting().name() + "=" + v.setting().format(v.value()))
                .toArray(String[]::new);
    }
}
