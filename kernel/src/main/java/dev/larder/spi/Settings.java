package dev.larder.spi;

import java.util.List;

/** The server's settings, resolved from defaults, {@code conf/larder.properties} and flags. */
public interface Settings {

    <T> T get(Setting<T> setting);

    /** Every declared setting with its value, in declaration order. */
    List<Value<?>> all();

    /** A setting, its value, and where that value came from. */
    record Value<T>(Setting<T> setting, T value, Origin origin) {
    }

    enum Origin { DEFAULT, FILE, COMMAND_LINE }
}
