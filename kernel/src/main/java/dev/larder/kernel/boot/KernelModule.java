package dev.larder.kernel.boot;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.larder.kernel.jmx.KernelInfo;
import dev.larder.kernel.time.CoarseClock;
import dev.larder.spi.KernelSettings;
import dev.larder.spi.LoadedPlugins;
import dev.larder.spi.ManagedBean;
import dev.larder.spi.ServerControl;
import dev.larder.spi.Service;
import dev.larder.spi.Settings;
import java.time.Clock;

/** What the kernel provides to every plugin's module. */
final class KernelModule extends AbstractModule {

    private final Settings settings;
    private final LoadedPlugins plugins;
    private final String version;
    private final ServerControl control;

    KernelModule(Settings settings, LoadedPlugins plugins, String version, ServerControl control) {
        this.settings = settings;
        this.plugins = plugins;
        this.version = version;
        this.control = control;
    }

    @Override
    protected void configure() {
        bind(Settings.class).toInstance(settings);
        bind(LoadedPlugins.class).toInstance(plugins);
        CoarseClock clock = new CoarseClock(settings.get(KernelSettings.CLOCK_TICK_MILLIS));
        bind(Clock.class).toInstance(clock);
        bind(ServerControl.class).toInstance(control);
        Multibinder.newSetBinder(binder(), Service.class).addBinding().toInstance(clock);
        Multibinder.newSetBinder(binder(), ManagedBean.class)
                .addBinding().toInstance(ManagedBean.of("type=Kernel",
                        new KernelInfo(version, plugins, settings, Clock.systemUTC())));
    }
}
