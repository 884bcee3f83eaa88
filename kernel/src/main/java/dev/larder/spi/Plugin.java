package dev.larder.spi;

import com.google.inject.Module;
import java.util.List;

/**
 * A plugin: found through {@link java.util.ServiceLoader}, on the class path or in
 * its own folder under {@code plugins/}. It names itself, fills one {@link Slot},
 * declares its settings and contributes a Guice module to the server's injector.
 *
 * <p>The module receives everything through injection: the kernel binds
 * {@link Settings} and {@link LoadedPlugins}; contributions go through Guice
 * {@code Multibinder}s of {@link Service} and {@link ManagedBean}.
 */
public interface Plugin {

    /** A short, unique name; also the plugin's folder under {@code plugins/}. */
    String name();

    Slot slot();

    /** The settings this plugin reads; the kernel lists, parses and checks them. */
    default List<Setting<?>> settings() {
        return List.of();
    }

    /** Bindings for the server's injector. Called once, before anything starts. */
    Module module();

    /** The plugin's version, from its jar's manifest. */
    default String version() {
        String version = getClass().getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
