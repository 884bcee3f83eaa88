package dev.larder.kernel.testing;

import com.google.inject.Module;
import dev.larder.kernel.plugin.DiscoveredPlugin;
import dev.larder.spi.Plugin;
import dev.larder.spi.Setting;
import dev.larder.spi.Slot;
import java.util.List;

/** A plugin made in a test: a name, a slot, settings and a module. */
public record FakePlugin(String name, Slot slot, List<Setting<?>> settings, Module module) implements Plugin {

    public static FakePlugin of(String name, Slot slot) {
        return new FakePlugin(name, slot, List.of(), binder -> { });
    }

    public static FakePlugin of(String name, Slot slot, Module module) {
        return new FakePlugin(name, slot, List.of(), module);
    }

    public DiscoveredPlugin discovered() {
        return new DiscoveredPlugin(this, "test");
    }
}
