package dev.larder.kernel.settings;

import dev.larder.spi.StartupException;
import dev.larder.spi.Setting;
import dev.larder.spi.Settings;
import dev.larder.spi.Settings.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves every declared setting: its default, overridden by the properties
 * file, overridden by the command line. A name nobody declared is an error, so a
 * typo never passes silently.
 */
public final class SettingsResolver {

    private final Map<String, Setting<?>> declared = new LinkedHashMap<>();

    public SettingsResolver(List<Setting<?>> settings) {
        for (Setting<?> s : settings) {
            if (declared.putIfAbsent(s.name(), s) != null) {
                throw new StartupException("The setting '" + s.name() + "' is declared twice");
            }
        }
    }

    public Settings resolve(Properties file, String fileName, Map<String, String> commandLine) {
        return resolve(file, fileName, commandLine, Map.of());
    }

    /** As the other, with memcached's options given that are accepted and ignored (by memcached's name). */
    public Settings resolve(Properties file, String fileName, Map<String, String> commandLine,
                            Map<String, String> ignored) {
        for (String name : file.stringPropertyNames()) {
            requireDeclared(name, "in " + fileName);
        }
        for (String name : commandLine.keySet()) {
            requireDeclared(name, "on the command line");
        }
        List<Settings.Value<?>> values = new ArrayList<>();
        for (Setting<?> setting : declared.values()) {
            values.add(valueOf(setting, file, fileName, commandLine));
        }
        return new ResolvedSettings(values, ignored);
    }

    private static <T> Settings.Value<T> valueOf(Setting<T> setting, Properties file, String fileName,
                                                 Map<String, String> commandLine) {
        String name = setting.name();
        try {
            if (commandLine.containsKey(name)) {
                return new Settings.Value<>(setting, setting.parse(commandLine.get(name)), Origin.COMMAND_LINE);
            }
            if (file.containsKey(name)) {
                return new Settings.Value<>(setting, setting.parse(file.getProperty(name)), Origin.FILE);
            }
        } catch (IllegalArgumentException e) {
            String where = commandLine.containsKey(name) ? "on the command line" : "in " + fileName;
            throw new StartupException("Bad value " + where + ": " + e.getMessage());
        }
        return new Settings.Value<>(setting, setting.defaultValue(), Origin.DEFAULT);
    }

    private void requireDeclared(String name, String where) {
        if (!declared.containsKey(name)) {
            throw new StartupException("Unknown setting '" + name + "' " + where
                    + "; see --help for the settings this server knows.");
        }
    }
}
