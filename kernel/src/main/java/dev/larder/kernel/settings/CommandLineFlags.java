package dev.larder.kernel.settings;

import dev.larder.spi.Setting;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The launcher's command line, made with picocli from the settings' own
 * declarations: each setting's flags (memcached's where one exists, such as
 * {@code -p} or {@code -m}), {@code -o name=value,...} for any setting by name,
 * {@code --conf FILE}, {@code --help} and {@code --version}. memcached's own
 * command line is accepted as it is: its flags and {@code -o} names that mean
 * nothing here ({@link MemcachedOptions}) are taken and reported as ignored.
 */
public final class CommandLineFlags {

    /** memcached's -v, -vv and -vvv: how much the server logs. */
    public static final String VERBOSITY = "verbosity";

    private final CommandSpec spec;
    private final Map<String, Setting<?>> byName = new LinkedHashMap<>();
    private final Map<OptionSpec, Setting<?>> optionSettings = new IdentityHashMap<>();
    private final Map<OptionSpec, Setting<?>> negatedSettings = new IdentityHashMap<>();
    private final Map<OptionSpec, MemcachedOptions.IgnoredFlag> ignoredFlags = new IdentityHashMap<>();
    private final OptionSpec extended;
    private final OptionSpec conf;
    private final OptionSpec verbose;
    private final OptionSpec license;

    public CommandLineFlags(List<Setting<?>> settings, String version) {
        spec = CommandSpec.create().name("larder").version("Larder " + version);
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage()
                .width(100)
                .description("A memcached-compatible cache server for the JVM. memcached's command line works as it"
                        + " is: flags Larder has no use for are accepted, and logged as ignored.")
                .footerHeading("%nSettings (in conf/larder.properties as name=value, or -o name=value):%n")
                .footer(settingsTable(settings));
        for (Setting<?> setting : settings) {
            byName.put(setting.name(), setting);
            if (!setting.flags().isEmpty()) {
                OptionSpec.Builder option = OptionSpec.builder(setting.flags().toArray(String[]::new))
                        .paramLabel(setting.paramLabel())
                        .type(String.class)
                        .description(setting.description() + " (setting " + setting.name()
                                + ", default " + setting.format(setting.defaultValue()) + ")");
                if (setting.type() == Boolean.class) {
                    option.arity("0..1").fallbackValue("true");
                }
                OptionSpec built = option.build();
                spec.addOption(built);
                optionSettings.put(built, setting);
            }
            if (!setting.negatedFlags().isEmpty()) {
                OptionSpec built = OptionSpec.builder(setting.negatedFlags().toArray(String[]::new))
                        .arity("0").type(boolean.class)
                        .description("Sets " + setting.name() + " to false: " + setting.description())
                        .build();
                spec.addOption(built);
                negatedSettings.put(built, setting);
            }
        }
        for (MemcachedOptions.IgnoredFlag flag : MemcachedOptions.FLAGS) {
            OptionSpec.Builder option = OptionSpec.builder(flag.shortFlag(), flag.longFlag())
                    .description("memcached's, accepted and ignored: " + flag.why());
            if (flag.takesValue()) {
                option.type(String.class).paramLabel("VALUE");
            } else {
                option.arity("0").type(boolean.class);
            }
            OptionSpec built = option.build();
            spec.addOption(built);
            ignoredFlags.put(built, flag);
        }
        verbose = OptionSpec.builder("-v", "--verbose")
                .arity("0")
                .type(boolean[].class)
                .description("Logs more: -vv also each connection's requests at DEBUG, -vvv at TRACE (setting "
                        + VERBOSITY + ")")
                .build();
        license = OptionSpec.builder("-i", "--license").arity("0").type(boolean.class)
                .description("Print the licenses and exit").build();
        extended = OptionSpec.builder("-o", "--extended")
                .paramLabel("NAME[=VALUE][,...]")
                .type(String[].class)
                .description("Sets any setting by name, as memcached's -o does (repeatable); a name alone is true,"
                        + " no_NAME false. memcached's own -o names are accepted too.")
                .build();
        conf = OptionSpec.builder("--conf")
                .paramLabel("FILE")
                .type(Path.class)
                .description("The settings file (default: conf/larder.properties in the installation)")
                .build();
        spec.addOption(verbose);
        spec.addOption(license);
        spec.addOption(extended);
        spec.addOption(conf);
    }

    /**
     * Parses the arguments.
     *
     * @throws CommandLine.ParameterException with a message for the user
     */
    public Parsed parse(String... args) {
        ParseResult result = new CommandLine(spec).parseArgs(args);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> ignored = new LinkedHashMap<>();
        String[] extendedValues = result.hasMatchedOption(extended) ? extended.getValue() : new String[0];
        for (String list : extendedValues) {
            for (String item : list.split(",")) {
                if (!item.isBlank()) {
                    extendedOption(result, item.trim(), values, ignored);
                }
            }
        }
        // Flags win over -o, whatever their order: they are the more specific.
        for (Map.Entry<OptionSpec, Setting<?>> entry : optionSettings.entrySet()) {
            if (result.hasMatchedOption(entry.getKey())) {
                values.put(entry.getValue().name(), entry.getKey().getValue());
            }
        }
        for (Map.Entry<OptionSpec, Setting<?>> entry : negatedSettings.entrySet()) {
            if (result.hasMatchedOption(entry.getKey())) {
                values.put(entry.getValue().name(), "false");
            }
        }
        for (Map.Entry<OptionSpec, MemcachedOptions.IgnoredFlag> entry : ignoredFlags.entrySet()) {
            if (result.hasMatchedOption(entry.getKey())) {
                Object value = entry.getKey().getValue();
                ignored.put(entry.getValue().name(), value instanceof String text ? text : "yes");
            }
        }
        if (result.hasMatchedOption(verbose)) {
            boolean[] times = verbose.getValue();
            values.put(VERBOSITY, String.valueOf(Math.min(times.length, 3)));
        }
        Path confFile = result.hasMatchedOption(conf) ? conf.getValue() : null;
        return new Parsed(result.isUsageHelpRequested(), result.isVersionHelpRequested(),
                result.hasMatchedOption(license), confFile, values, ignored);
    }

    /**
     * One {@code -o} item: {@code name=value}, {@code name} (true) or
     * {@code no_name} (false), naming a setting or one of memcached's options
     * that are accepted and ignored. Anything else stops the start, named.
     */
    private void extendedOption(ParseResult result, String item, Map<String, String> values,
                                Map<String, String> ignored) {
        int eq = item.indexOf('=');
        String name = eq < 0 ? item : item.substring(0, eq).trim();
        String value = eq < 0 ? "true" : item.substring(eq + 1);
        if (eq < 0 && name.startsWith("no_") && !byName.containsKey(name)
                && !MemcachedOptions.EXTENDED.containsKey(name)) {
            name = name.substring(3);
            value = "false";
        }
        Setting<?> setting = byName.get(name);
        if (setting != null) {
            if (eq < 0 && setting.type() != Boolean.class) {
                throw new CommandLine.ParameterException(result.commandSpec().commandLine(),
                        "-o " + name + " needs a value: -o " + name + "=VALUE");
            }
            values.put(name, value);
        } else if (MemcachedOptions.EXTENDED.containsKey(name)) {
            ignored.put(name, eq < 0 ? (value.equals("true") ? "yes" : "no") : value);
        } else {
            throw new CommandLine.ParameterException(result.commandSpec().commandLine(),
                    "Unknown -o option '" + item + "'; see --help for the settings this server knows");
        }
    }

    /** Why an ignored option is ignored, for the log; null for a name that is not one. */
    public static String whyIgnored(String name) {
        for (MemcachedOptions.IgnoredFlag flag : MemcachedOptions.FLAGS) {
            if (flag.name().equals(name)) {
                return flag.shortFlag() + ": " + flag.why();
            }
        }
        String why = MemcachedOptions.EXTENDED.get(name);
        return why == null ? null : "-o " + name + ": " + why;
    }

    public void printUsage(PrintWriter out) {
        new CommandLine(spec).usage(out);
        out.flush();
    }

    public String version() {
        return spec.version()[0];
    }

    private static String settingsTable(List<Setting<?>> settings) {
        StringBuilder table = new StringBuilder();
        for (Setting<?> s : settings) {
            table.append(String.format("  %s = %s%s%n      %s%n", s.name(), s.format(s.defaultValue()),
                    s.runtimeChangeable() ? "  (can change while running)" : "", s.description()));
        }
        return table.toString();
    }

    /**
     * What the command line asked for: settings by name, and memcached's options
     * that are accepted and ignored, by memcached's name.
     */
    public record Parsed(boolean helpRequested, boolean versionRequested, boolean licenseRequested, Path confFile,
                         Map<String, String> settingValues, Map<String, String> ignored) {
    }
}
