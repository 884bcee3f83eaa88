package dev.larder.network.netty;

import dev.larder.kernel.settings.SettingsResolver;
import dev.larder.network.netty.tls.TlsSettings;
import dev.larder.spi.Setting;
import dev.larder.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The network plugin's settings, defaults but for those given. */
final class NetworkTestSettings {

    private NetworkTestSettings() {
    }

    static Settings of(Map<String, String> values) {
        List<Setting<?>> all = new ArrayList<>(NetworkSettings.ALL);
        all.addAll(TlsSettings.ALL);
        all.add(dev.larder.spi.KernelSettings.SHUTDOWN_TIMEOUT);
        return new SettingsResolver(all).resolve(new Properties(), "-", values);
    }
}
