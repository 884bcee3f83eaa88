package dev.larder.kernel.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.multibindings.Multibinder;
import dev.larder.kernel.testing.Eventually;
import dev.larder.kernel.testing.FakePlugin;
import dev.larder.kernel.testing.TestServer;
import dev.larder.spi.Service;
import dev.larder.spi.Slot;
import dev.larder.spi.StartupException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class KernelTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void servicesStartInSlotOrderAndStopInReverse() throws Exception {
        try (TestServer server = TestServer.start(List.of(
                plugin("net", Slot.NETWORK, null), plugin("store", Slot.STORAGE, null),
                plugin("proto", Slot.PROTOCOL, null), plugin("console", Slot.ADMIN, null)), Map.of())) {
            assertThat(events).containsExactly("start store", "start proto", "start net", "start console");
            events.clear();
        }
        assertThat(events).containsExactly("stop console", "stop net", "stop proto", "stop store");
    }

    @Test
    void aServiceThatFailsToStartStopsThoseAlreadyStarted() {
        assertThatThrownBy(() -> TestServer.start(List.of(
                plugin("net", Slot.NETWORK, "port in use"), plugin("store", Slot.STORAGE, null),
                plugin("proto", Slot.PROTOCOL, null)), Map.of()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("port in use");
        assertThat(events).containsExactly("start store", "start proto", "stop proto", "stop store");
    }

    @Test
    void aStopAskedForWhileAServiceStartsWaitsForItThenStopsWhatStartedAndStartsNothingMore() throws Exception {
        CountDownLatch storeStarting = new CountDownLatch(1);
        CountDownLatch letStoreFinish = new CountDownLatch(1);
        Service slowStore = new Service() {
            @Override
            public Slot phase() {
                return Slot.STORAGE;
            }

            @Override
            public void start() throws Exception {
                storeStarting.countDown();
                letStoreFinish.await(); // a memory file loading
                events.add("start store");
            }

            @Override
            public void stop() {
                events.add("stop store");
            }
        };
        Kernel kernel = Kernel.create(List.of(plugin("net", Slot.NETWORK, null), plugin("proto", Slot.PROTOCOL, null),
                FakePlugin.of("store", Slot.STORAGE, binder -> Multibinder.newSetBinder(binder, Service.class)
                        .addBinding().toInstance(slowStore)).discovered()), settings(), "test");
        Thread starter = new Thread(kernel::start);
        starter.start();
        storeStarting.await();
        Thread stopper = new Thread(kernel::stop); // SIGTERM's hook
        stopper.start();
        Eventually.waitFor("the stopper to wait for the start", Duration.ofSeconds(10),
                () -> stopper.getState() == Thread.State.BLOCKED);
        assertThat(events).isEmpty();
        letStoreFinish.countDown();
        starter.join(10_000);
        stopper.join(10_000);
        assertThat(events).containsExactly("start store", "stop store");
        kernel.awaitStop();
    }

    private static dev.larder.spi.Settings settings() {
        return new dev.larder.kernel.settings.SettingsResolver(dev.larder.spi.KernelSettings.ALL)
                .resolve(new java.util.Properties(), "-", Map.of());
    }

    @Test
    void kernelBeanIsOnThePlatformServerWhileRunning() throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.larder:type=Kernel");
        try (TestServer server = TestServer.start(List.of(
                plugin("net", Slot.NETWORK, null), plugin("store", Slot.STORAGE, null),
                plugin("proto", Slot.PROTOCOL, null)), Map.of("shutdown_timeout", "7"))) {
            assertThat(mbeans.isRegistered(name)).isTrue();
            assertThat((String[]) mbeans.getAttribute(name, "Plugins"))
                    .contains("store dev (storage) from test");
            assertThat((String[]) mbeans.getAttribute(name, "Settings")).contains("shutdown_timeout=7");
        }
        assertThat(mbeans.isRegistered(name)).isFalse();
    }

    @Test
    void wiringErrorsAreReportedAsStartupFailures() {
        FakePlugin needy = FakePlugin.of("proto", Slot.PROTOCOL, binder -> binder.bind(Runnable.class)
                .toProvider(() -> { throw new IllegalStateException(); }).asEagerSingleton());
        assertThatThrownBy(() -> TestServer.start(List.of(plugin("net", Slot.NETWORK, null),
                plugin("store", Slot.STORAGE, null), needy.discovered()), Map.of()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("could not be wired");
    }

    private dev.larder.kernel.plugin.DiscoveredPlugin plugin(String name, Slot slot, String failure) {
        Service service = new Service() {
            @Override
            public Slot phase() {
                return slot;
            }

            @Override
            public void start() {
                if (failure != null) {
                    throw new StartupException(failure);
                }
                events.add("start " + name);
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
        return FakePlugin.of(name, slot,
                binder -> Multibinder.newSetBinder(binder, Service.class).addBinding().toInstance(service))
                .discovered();
    }
}
