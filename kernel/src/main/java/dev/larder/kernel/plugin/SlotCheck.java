package dev.larder.kernel.plugin;

import dev.larder.spi.StartupException;
import dev.larder.spi.Slot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks that the plugins make a whole server: exactly one plugin in each
 * required slot, at most one in the others, and no name twice.
 */
public final class SlotCheck {

    private SlotCheck() {
    }

    /** @throws StartupException naming the slot or plugin that is wrong */
    public static void check(List<DiscoveredPlugin> plugins) {
        Map<String, DiscoveredPlugin> byName = new HashMap<>();
        for (DiscoveredPlugin p : plugins) {
            DiscoveredPlugin earlier = byName.putIfAbsent(p.plugin().name(), p);
            if (earlier != null) {
                throw new StartupException("The plugin '" + p.plugin().name() + "' is loaded twice, from "
                        + earlier.source() + " and from " + p.source() + "; remove one.");
            }
        }
        for (Slot slot : Slot.values()) {
            List<DiscoveredPlugin> filling = plugins.stream().filter(p -> p.plugin().slot() == slot).toList();
            if (filling.isEmpty() && slot.required()) {
                throw new StartupException("No plugin fills the " + slot.label() + " slot: the server needs exactly"
                        + " one " + slot.label() + " plugin (in plugins/<name>/ or on the class path).");
            }
            if (filling.size() > 1) {
                String names = filling.stream()
                        .map(p -> "'" + p.plugin().name() + "' (" + p.source() + ")")
                        .collect(Collectors.joining(", "));
                throw new StartupException("The " + slot.label() + " slot is filled more than once, by " + names
                        + "; keep exactly one " + slot.label() + " plugin.");
            }
        }
    }
}
