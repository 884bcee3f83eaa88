package dev.larder.kernel.plugin;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.kernel.testing.FakePlugin;
import dev.larder.kernel.testing.TestServer;
import dev.larder.spi.Slot;
import dev.larder.spi.StartupException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotCheckTest {

    private static final DiscoveredPlugin NETWORK = FakePlugin.of("net", Slot.NETWORK).discovered();
    private static final DiscoveredPlugin PROTOCOL = FakePlugin.of("proto", Slot.PROTOCOL).discovered();
    private static final DiscoveredPlugin STORAGE = FakePlugin.of("store", Slot.STORAGE).discovered();

    @Test
    void kernelRefusesToStartWithTwoStoragePlugins() {
        DiscoveredPlugin second = FakePlugin.of("other-store", Slot.STORAGE).discovered();
        assertThatThrownBy(() -> TestServer.start(List.of(NETWORK, PROTOCOL, STORAGE, second), Map.of()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("storage slot is filled more than once")
                .hasMessageContaining("'store'")
                .hasMessageContaining("'other-store'");
    }

    @Test
    void kernelRefusesToStartWithNoStoragePlugin() {
        assertThatThrownBy(() -> TestServer.start(List.of(NETWORK, PROTOCOL), Map.of()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("No plugin fills the storage slot");
    }

    @Test
    void everyRequiredSlotIsNamedWhenMissing() {
        assertThatThrownBy(() -> SlotCheck.check(List.of(PROTOCOL, STORAGE)))
                .hasMessageContaining("network slot");
        assertThatThrownBy(() -> SlotCheck.check(List.of(NETWORK, STORAGE)))
                .hasMessageContaining("protocol slot");
    }

    @Test
    void adminSlotIsOptionalButSingle() {
        assertThatCode(() -> SlotCheck.check(List.of(NETWORK, PROTOCOL, STORAGE))).doesNotThrowAnyException();
        DiscoveredPlugin admin = FakePlugin.of("console", Slot.ADMIN).discovered();
        DiscoveredPlugin admin2 = FakePlugin.of("console2", Slot.ADMIN).discovered();
        assertThatThrownBy(() -> SlotCheck.check(List.of(NETWORK, PROTOCOL, STORAGE, admin, admin2)))
                .hasMessageContaining("admin slot is filled more than once");
    }

    @Test
    void samePluginNameTwiceIsRefused() {
        DiscoveredPlugin again = new DiscoveredPlugin(FakePlugin.of("store", Slot.STORAGE), "plugins/store");
        assertThatThrownBy(() -> SlotCheck.check(List.of(NETWORK, PROTOCOL, STORAGE, again)))
                .hasMessageContaining("'store' is loaded twice");
    }
}
