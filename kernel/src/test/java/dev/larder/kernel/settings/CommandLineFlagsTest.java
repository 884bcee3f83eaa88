package dev.larder.kernel.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.spi.Setting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineFlagsTest {

    static final Setting<Integer> PORT = Setting.integer("port", 11211).description("TCP port")
            .flags("-p", "--port").build();
    static final Setting<Integer> IDLE = Setting.integer("idle_timeout", 0).description("Idle seconds")
            .runtimeChangeable().build();
    static final Setting<Boolean> SHUTDOWN = Setting.bool("enable_shutdown", false).description("Allow shutdown")
            .flags("-A").build();

    private final CommandLineFlags flags = new CommandLineFlags(List.of(PORT, IDLE, SHUTDOWN), "1.2.3");

    @Test
    void memcachedStyleFlagsAndExtendedOptionsNameSettings() {
        CommandLineFlags.Parsed parsed = flags.parse("-p", "12345", "-o", "idle_timeout=30,port=1", "-A",
                "--conf", "/etc/larder.properties");
        // The flag wins over -o for the same setting.
        assertThat(parsed.settingValues())
                .containsEntry("port", "12345")
                .containsEntry("idle_timeout", "30")
                .containsEntry("enable_shutdown", "true");
        assertThat(parsed.confFile()).isEqualTo(Path.of("/etc/larder.properties"));
        assertThat(parsed.helpRequested()).isFalse();
    }

    @Test
    void helpListsFlagsAndEverySettingFromItsDeclaration() {
        assertThat(flags.parse("--help").helpRequested()).isTrue();
        StringWriter text = new StringWriter();
        flags.printUsage(new PrintWriter(text));
        assertThat(text.toString())
                .contains("-p, --port=N", "TCP port (setting port, default 11211)")
                .contains("idle_timeout = 0  (can change while running)", "Idle seconds")
                .contains("enable_shutdown = false");
    }

    @Test
    void malformedExtendedOptionIsAUsageError() {
        assertThatThrownBy(() -> flags.parse("-o", "idle_timeout"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("-o idle_timeout needs a value");
        assertThatThrownBy(() -> flags.parse("-o", "no_such_thing"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("Unknown -o option 'no_such_thing'");
        assertThatThrownBy(() -> flags.parse("--nope")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void memcachedsCommandLinesAreTakenWithTheirMeaninglessOptionsReportedAsIgnored() {
        CommandLineFlags.Parsed parsed = flags.parse("-r", "-k", "-f", "1.25", "-n", "48", "-vv",
                "-o", "slab_reassign,no_lru_crawler,hashpower=20,enable_shutdown,no_enable_shutdown");
        assertThat(parsed.ignored()).containsEntry("enable_coredumps", "yes").containsEntry("lock_memory", "yes")
                .containsEntry("growth_factor", "1.25").containsEntry("chunk_size", "48")
                .containsEntry("slab_reassign", "yes").containsEntry("lru_crawler", "no")
                .containsEntry("hashpower", "20");
        assertThat(parsed.settingValues()).containsEntry("verbosity", "2").containsEntry("enable_shutdown", "false");
        assertThat(CommandLineFlags.whyIgnored("growth_factor")).startsWith("-f: ");
        assertThat(CommandLineFlags.whyIgnored("port")).isNull();
    }
}
