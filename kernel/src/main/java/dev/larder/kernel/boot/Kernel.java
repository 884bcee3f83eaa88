package dev.larder.kernel.boot;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.spi.Message;
import dev.larder.spi.StartupException;
import dev.larder.kernel.jmx.MBeanRegistry;
import dev.larder.kernel.plugin.DiscoveredPlugin;
import dev.larder.kernel.plugin.SlotCheck;
import dev.larder.spi.LoadedPlugins;
import dev.larder.spi.ManagedBean;
import dev.larder.spi.ServerControl;
import dev.larder.spi.Service;
import dev.larder.spi.Settings;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.management.MBeanServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: one injector made of the kernel's module and every plugin's,
 * its MBeans registered and its services started in slot order.
 */
public final class Kernel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Kernel.class);

    private final Injector injector;
    private final ServiceLifecycle lifecycle;
    private final MBeanRegistry mbeans;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Held while services start or stop, so that a stop asked for during the start waits for it. */
    private final Object lifecycleLock = new Object();
    private final String description;
    private volatile boolean stopRequested;
    private boolean stopping;

    private Kernel(Injector injector, String description, MBeanServer platform) {
        this.injector = injector;
        this.description = description;
        this.lifecycle = new ServiceLifecycle(injector.getInstance(new Key<Set<Service>>() { }));
        this.mbeans = new MBeanRegistry(platform);
    }

    /**
     * Checks the plugins fill their slots, wires them and starts everything.
     *
     * @throws StartupException saying, for the operator, why the server cannot start
     */
    public static Kernel start(List<DiscoveredPlugin> plugins, Settings settings, String version) {
        Kernel kernel = create(plugins, settings, version);
        kernel.start();
        return kernel;
    }

    /**
     * Checks the plugins fill their slots and wires them, starting nothing yet:
     * a launcher can then be ready to stop the server (a shutdown hook) before
     * its services start, so that a stop at any moment, even while the memory
     * file loads, ends in a graceful stop.
     *
     * @throws StartupException saying, for the operator, why the server cannot start
     */
    public static Kernel create(List<DiscoveredPlugin> plugins, Settings settings, String version) {
        SlotCheck.check(plugins);
        // The platform's MBean server takes a tenth of a second to make: made meanwhile, on the other core.
        FutureTask<MBeanServer> platform = new FutureTask<>(ManagementFactory::getPlatformMBeanServer);
        Thread maker = new Thread(platform, "larder-mbean-server");
        maker.setDaemon(true);
        maker.start();
        LoadedPlugins loaded = new LoadedPlugins(plugins.stream().map(DiscoveredPlugin::info).toList());
        DeferredControl control = new DeferredControl();
        List<Module> modules = new ArrayList<>();
        modules.add(new KernelModule(settings, loaded, version, control));
        for (DiscoveredPlugin p : plugins) {
            modules.add(p.plugin().module());
        }
        Injector injector;
        try {
            injector = Guice.createInjector(Stage.PRODUCTION, modules);
        } catch (CreationException e) {
            throw new StartupException("The plugins could not be wired together: " + e.getErrorMessages().stream()
                    .map(Message::getMessage).collect(Collectors.joining("; ")), e);
        }
        Kernel kernel = new Kernel(injector, "Larder " + version + " started with " + loaded.plugins().stream()
                .map(p -> p.name() + " (" + p.slot().label() + ")").collect(Collectors.joining(", ")),
                platformServer(platform));
        control.kernel = kernel;
        return kernel;
    }

    private static MBeanServer platformServer(FutureTask<MBeanServer> platform) {
        try {
            return platform.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ManagementFactory.getPlatformMBeanServer();
        } catch (ExecutionException e) {
            throw new IllegalStateException("No platform MBean server", e.getCause());
        }
    }

    /**
     * Registers the MBeans and starts the services in slot order. A stop asked for
     * meanwhile waits until the service starting now has started, then stops
     * those started; the rest are not started.
     *
     * @throws StartupException saying, for the operator, why the server cannot start
     */
    public void start() {
        synchronized (lifecycleLock) {
            if (stopping) {
                return;
            }
            mbeans.registerAll(injector.getInstance(new Key<Set<ManagedBean>>() { }));
            try {
                lifecycle.startAll(() -> stopRequested);
            } catch (RuntimeException e) {
                mbeans.unregisterAll();
                throw e;
            }
        }
        if (!stopRequested) {
            log.info(description);
        }
    }

    /** For tests and tools: an object from the server's injector. */
    public <T> T instance(Class<T> type) {
        return injector.getInstance(type);
    }

    /** For tests and tools: a contributed set, such as the services. */
    public <T> T instance(TypeLiteral<T> type) {
        return injector.getInstance(Key.get(type));
    }

    /**
     * Stops services in reverse order and removes the MBeans; during a start, once
     * the service starting now has started. Safe to call more than once.
     */
    public void stop() {
        stopRequested = true;
        synchronized (lifecycleLock) {
            if (stopping) {
                return;
            }
            stopping = true;
            log.info("Stopping");
            lifecycle.stopAll();
            mbeans.unregisterAll();
            log.info("Stopped");
        }
        stopped.countDown();
    }

    /** Blocks until {@link #stop()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop();
    }

    /** The server control plugins get before the kernel exists; it acts once the kernel is made. */
    private static final class DeferredControl implements ServerControl {
        private volatile Kernel kernel;

        @Override
        public void shutdown() {
            Kernel target = kernel;
            if (target != null) {
                Thread stopper = new Thread(target::stop, "larder-shutdown-command");
                stopper.start();
            }
        }
    }
}
