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
 * {@code --conf FILE}, {@code --help} and {@code --version}.
 */
public final class CommandLineFlags {

    private final CommandSpec spec;
    private final Map<OptionSpec, Setting<?>> optionSettings = new IdentityHashMap<>();
    private final OptionSpec extended;
    private final OptionSpec conf;

    public CommandLineFlags(List<Setting<?>> settings, String version) {
        spec = CommandSpec.create().name("larder").version("Larder " + version);
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage()
                .width(100)
                .description("A memcached-compatible cache server for the JVM.")
                .footerHeading("%nSettings (in conf/larder.properties as name=value, or -o name=value):%n")
                .footer(settingsTable(settings));
        for (Setting<?> setting : settings) {
            if (setting.flags().isEmpty()) {
                continue;
            }
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
        extended = OptionSpec.builder("-o", "--extended")
                .paramLabel("NAME=VALUE[,NAME=VALUE...]")
                .type(String[].class)
                .description("Sets any setting by name, as memcached's -o does (repeatable)")
                .build();
        conf = OptionSpec.builder("--conf")
                .paramLabel("FILE")
                .type(Path.class)
                .description("The settings file (default: conf/larder.properties in the installation)")
                .build();
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
        String[] extendedValues = result.hasMatchedOption(extended) ? extended.getValue() : new String[0];
        for (String pair : extendedValues) {
            for (String item : pair.split(",")) {
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    throw new CommandLine.ParameterException(result.commandSpec().commandLine(),
                            "-o expects name=value, got '" + item + "'");
                }
                values.put(item.substring(0, eq).trim(), item.substring(eq + 1));
            }
        }
        // Flags win over -o, whatever their order: they are the more specific.
        for (Map.Entry<OptionSpec, Setting<?>> entry : optionSettings.entrySet()) {
            if (result.hasMatchedOption(entry.getKey())) {
                values.put(entry.getValue().name(), entry.getKey().getValue());
            }
        }
        Path confFile = result.hasMatchedOption(conf) ? conf.getValue() : null;
        return new Parsed(result.isUsageHelpRequested(), result.isVersionHelpRequested(), confFile, values);
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

    /** What the command line asked for. */
    public record Parsed(boolean helpRequested, boolean versionRequested, Path confFile,
                         Map<String, String> settingValues) {
    }
}
