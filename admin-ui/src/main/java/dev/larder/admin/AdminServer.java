package dev.larder.admin;

import dev.larder.admin.api.ApiRoutes;
import dev.larder.admin.auth.AccessGuard;
import dev.larder.admin.auth.AdminCredentials;
import dev.larder.admin.auth.Login;
import dev.larder.admin.auth.Sessions;
import dev.larder.spi.LoadedPlugins;
import dev.larder.spi.Service;
import dev.larder.spi.Settings;
import dev.larder.spi.Slot;
import dev.larder.spi.StartupException;
import dev.larder.spi.net.FairShareMXBean;
import dev.larder.spi.net.IdleTimerMXBean;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.store.ItemStore;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin console's web server: the page, its login and its JSON API, and {@code /metrics}. */
@Singleton
public final class AdminServer implements Service {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    /** Where the generated password is kept: conf/ of the installation, else the working folder. */
    static final String PASSWORD_FILE = "admin.password";

    private final Settings settings;
    private final LoadedPlugins plugins;
    private final ItemStore store;
    private final NetworkStatistics network;
    private final FairShareMXBean fairShare;
    private final IdleTimerMXBean idleTimer;
    private Undertow undertow;

    @Inject
    AdminServer(Settings settings, LoadedPlugins plugins, ItemStore store, NetworkStatistics network,
                FairShareMXBean fairShare, IdleTimerMXBean idleTimer) {
        this.settings = settings;
        this.plugins = plugins;
        this.store = store;
        this.network = network;
        this.fairShare = fairShare;
        this.idleTimer = idleTimer;
    }

    @Override
    public Slot phase() {
        return Slot.ADMIN;
    }

    @Override
    public void start() throws Exception {
        int port = settings.get(AdminSettings.PORT);
        if (port == 0) {
            log.info("Admin console switched off (admin_port=0)");
            return;
        }
        String bind = settings.get(AdminSettings.BIND);
        undertow = Undertow.builder()
                .addHttpListener(port, bind)
                .setIoThreads(1)
                .setWorkerThreads(4)
                .setHandler(routes(new Login(credentials(), new Sessions(Clock.systemUTC()))))
                .build();
        try {
            undertow.start();
        } catch (RuntimeException e) {
            undertow = null;
            throw new StartupException("Cannot start the admin console on " + bind + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
        InetSocketAddress bound = boundAddress();
        log.info("admin console listening on http://{}:{}/", bound.getHostString(), bound.getPort());
    }

    private AdminCredentials credentials() throws IOException {
        String hash = settings.get(AdminSettings.PASSWORD);
        if (!hash.isEmpty()) {
            try {
                return AdminCredentials.fromHash(hash);
            } catch (IllegalArgumentException e) {
                throw new StartupException(e.getMessage(), e);
            }
        }
        String home = System.getProperty("larder.home");
        Path folder = home != null ? Path.of(home, "conf") : Path.of("").toAbsolutePath();
        if (home != null && !Files.isDirectory(folder)) {
            Files.createDirectories(folder);
        }
        return AdminCredentials.fromFile(folder.resolve(PASSWORD_FILE));
    }

    private HttpHandler routes(Login login) throws Exception {
        ResourceHandler page = Handlers.resource(
                        new ClassPathResourceManager(AdminServer.class.getClassLoader(), "dev/larder/admin/static"))
                .setWelcomeFiles("index.html");
        ResourceHandler webjars = Handlers.resource(
                new ClassPathResourceManager(AdminServer.class.getClassLoader(), "META-INF/resources/webjars"));
        HttpHandler api = new AccessGuard(
                ApiRoutes.build(login, plugins, settings, store, network, fairShare, idleTimer), login);
        return Handlers.path(page)
                .addExactPath("/api/login", login::login)
                .addPrefixPath("/api", api)
                .addExactPath("/metrics", new AccessGuard(ApiRoutes.metrics(), login))
                .addPrefixPath("/webjars", webjars);
    }

    /** The address the console listens on, or null when it is off. */
    public InetSocketAddress boundAddress() {
        if (undertow == null) {
            return null;
        }
        return (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    }

    @Override
    public void stop() {
        if (undertow != null) {
            undertow.stop();
            undertow = null;
        }
    }
}
