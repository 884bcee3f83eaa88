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
                .hasMessageContaining("-o expects name=value");
        assertThatThrownBy(() -> flags.parse("--nope")).isInstanceOf(CommandLine.ParameterException.class);
    }
}
