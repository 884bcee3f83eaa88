package dev.larder.kernel.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.spi.Setting;
import dev.larder.spi.Settings;
import dev.larder.spi.StartupException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsResolverTest {

    static final Setting<Integer> PORT = Setting.integer("port", 11211).description("port")
            .flags("-p").range(0, 65535).build();
    static final Setting<Long> ITEM = Setting.size("max_item_size", 1024 * 1024).description("size").build();
    static final Setting<Boolean> FAIR = Setting.bool("fair_share", true).description("fair").build();

    private final SettingsResolver resolver = new SettingsResolver(List.of(PORT, ITEM, FAIR));

    @Test
    void defaultsThenFileThenCommandLine() {
        Properties file = new Properties();
        file.setProperty("port", "20000");
        file.setProperty("max_item_size", "2m");
        Settings settings = resolver.resolve(file, "larder.properties", Map.of("port", "30000"));

        assertThat(settings.get(PORT)).isEqualTo(30000);
        assertThat(settings.get(ITEM)).isEqualTo(2L * 1024 * 1024);
        assertThat(settings.get(FAIR)).isTrue();
        assertThat(settings.all()).extracting(Settings.Value::origin)
                .containsExactly(Settings.Origin.COMMAND_LINE, Settings.Origin.FILE, Settings.Origin.DEFAULT);
    }

    @Test
    void unknownNamesAreRefusedWhereverTheyAre() {
        Properties file = new Properties();
        file.setProperty("prot", "1");
        assertThatThrownBy(() -> resolver.resolve(file, "conf/larder.properties", Map.of()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("Unknown setting 'prot' in conf/larder.properties");
        assertThatThrownBy(() -> resolver.resolve(new Properties(), "f", Map.of("fair", "on")))
                .hasMessageContaining("Unknown setting 'fair' on the command line");
    }

    @Test
    void badValuesSayWhichSettingAndWhy() {
        assertThatThrownBy(() -> resolver.resolve(new Properties(), "f", Map.of("port", "70000")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("'port'").hasMessageContaining("not between 0 and 65535");
        assertThatThrownBy(() -> resolver.resolve(new Properties(), "f", Map.of("max_item_size", "lots")))
                .hasMessageContaining("'lots' is not a valid SIZE");
        assertThatThrownBy(() -> resolver.resolve(new Properties(), "f", Map.of("fair_share", "maybe")))
                .hasMessageContaining("'maybe'");
    }

    @Test
    void aNameDeclaredTwiceIsRefused() {
        assertThatThrownBy(() -> new SettingsResolver(List.of(PORT, PORT)))
                .hasMessageContaining("'port' is declared twice");
    }
}
