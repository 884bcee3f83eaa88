package dev.larder.spi;

import java.util.List;
import java.util.Map;

/** The server's settings, resolved from defaults, {@code conf/larder.properties} and flags. */
public interface Settings {

    <T> T get(Setting<T> setting);

    /** Every declared setting with its value, in declaration order. */
    List<Value<?>> all();

    /**
     * memcached's options that were given and that this server accepts for
     * compatibility without acting on them (slab and LRU tuning, core dumps...):
     * memcached's name for each (its {@code -o} name, or its settings name for a
     * flag such as {@code -f}), with the value given, in the order given.
     */
    Map<String, String> ignored();

    /** A setting, its value, and where that value came from. */
    record Value<T>(Setting<T> setting, T value, Origin origin) {
    }

    enum Origin { DEFAULT, FILE, COMMAND_LINE }
}
