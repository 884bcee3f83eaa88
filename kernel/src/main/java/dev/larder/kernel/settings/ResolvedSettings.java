package dev.larder.kernel.settings;

import dev.larder.spi.Setting;
import dev.larder.spi.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings whose values are fixed at start-up; run-time changes live in the features that own them. */
final class ResolvedSettings implements Settings {

    private final Map<Setting<?>, Value<?>> values;
    private final Map<String, String> ignored;

    ResolvedSettings(List<Value<?>> values, Map<String, String> ignored) {
        this.ignored = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ignored));
        this.values = new LinkedHashMap<>();
        for (Value<?> v : values) {
            this.values.put(v.setting(), v);
        }
    }

    @Override
    public <T> T get(Setting<T> setting) {
        Value<?> value = values.get(setting);
        if (value == null) {
            throw new IllegalArgumentException("Setting '" + setting.name() + "' was not declared by any plugin");
        }
        return setting.type().cast(value.value());
    }

    @Override
    public List<Value<?>> all() {
        return List.copyOf(values.values());
    }

    @Override
    public Map<String, String> ignored() {
        return ignored;
    }
}
