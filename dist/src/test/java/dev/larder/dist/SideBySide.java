package dev.larder.dist;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * memcached and the Larder distribution started alike, for ITs that send both the
 * same bytes: a test class registers it ({@code @RegisterExtension static}) and
 * both run for the class's tests.
 */
final class SideBySide implements BeforeAllCallback, AfterAllCallback {

    private ReferenceMemcached memcached;
    private LauncherProcess larder;
    private int larderPort;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        memcached = ReferenceMemcached.start();
        larder = LauncherProcess.start("-p", "-1", "--admin-port", "0");
        larderPort = Integer.parseInt(larder.awaitLine("memcached listening on 127\\.0\\.0\\.1:(\\d+)").group(1));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (memcached != null) {
                memcached.close();
            }
        } finally {
            if (larder != null) {
                larder.close();
            }
        }
    }

    int memcachedPort() {
        return memcached.port();
    }

    int larderPort() {
        return larderPort;
    }
}
