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
import dev.larder.admin.http.BodyLimit;
import dev.larder.admin.http.HostCheck;
import dev.larder.admin.http.SecurityHeaders;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

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
    private ApiRoutes apiRoutes;

    /** Larder's version: the one its plugins were built with. */
    private String version() {
        return plugins.plugins().stream().map(LoadedPlugins.Info::version).findFirst().orElse("unknown");
    }

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
        int maxConnections = settings.get(AdminSettings.MAX_CONNECTIONS);
        int idleMillis = settings.get(AdminSettings.IDLE_TIMEOUT) * 1000;
        AdminCredentials credentials = credentials();
        if (credentials == null) {
            return;
        }
        HttpHandler routes = routes(new Login(credentials, new Sessions(Clock.systemUTC())));
        undertow = Undertow.builder()
                .addHttpListener(port, bind)
                .setIoThreads(1)
                .setWorkerThreads(4)
                // Every door bounded: connections (beyond the cap they wait in the accept queue, holding no
                // descriptor of ours), silence on them, header size, and bodies (BodyLimit).
                .setSocketOption(Options.CONNECTION_HIGH_WATER, maxConnections)
                .setSocketOption(Options.CONNECTION_LOW_WATER, maxConnections)
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, idleMillis)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, idleMillis)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, Math.min(idleMillis, 10_000))
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 16 * 1024)
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) BodyLimit.MAX_BODY)
                .setHandler(new HostCheck(new SecurityHeaders(new BodyLimit(routes)), allowedHostNames()))
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
        if (!bound.getAddress().isLoopbackAddress()) {
            log.warn("The admin console listens on {} beyond this machine without TLS: its password and session"
                    + " cookies cross the network in the clear. Bind it to 127.0.0.1 (admin_bind) and reach it"
                    + " through an SSH tunnel or a TLS proxy.", bound.getHostString());
        }
    }

    /** The names the console answers to besides IP addresses and localhost: admin_hosts and this machine's. */
    private Set<String> allowedHostNames() {
        Set<String> names = new HashSet<>();
        for (String name : settings.get(AdminSettings.HOSTS).split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        try {
            InetAddress self = InetAddress.getLocalHost();
            names.add(self.getHostName());
            names.add(self.getCanonicalHostName());
        } catch (IOException e) {
            log.debug("This machine's name is not known: {}", e.toString());
        }
        return names;
    }

    /**
     * The console's credentials; null, with the console left off and the reason
     * logged, when no admin.password is set and the password file can be neither
     * read nor written (a server started as root that runs as -u's user, say).
     */
    private AdminCredentials credentials() {
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
        try {
            if (home != null && !Files.isDirectory(folder)) {
                Files.createDirectories(folder);
            }
            return AdminCredentials.fromFile(folder.resolve(PASSWORD_FILE));
        } catch (IOException e) {
            log.warn("Admin console off: no admin.password is set and {} cannot be made or read by user {} ({})."
                    + " Set admin.password in the settings file (bin/larder-hash-password makes it).",
                    folder.resolve(PASSWORD_FILE), System.getProperty("user.name"), e.toString());
            return null;
        }
    }

    private HttpHandler routes(Login login) throws Exception {
        ResourceHandler page = Handlers.resource(
                        new ClassPathResourceManager(AdminServer.class.getClassLoader(), "dev/larder/admin/static"))
                .setWelcomeFiles("index.html");
        ResourceHandler webjars = Handlers.resource(
                new ClassPathResourceManager(AdminServer.class.getClassLoader(), "META-INF/resources/webjars"));
        apiRoutes = new ApiRoutes(login, plugins, settings, store, network, fairShare, idleTimer, version());
        HttpHandler api = new AccessGuard(apiRoutes.handler(), login);
        return Handlers.path(page)
                .addExactPath("/api/login", login::login)
                .addPrefixPath("/api", api)
                .addExactPath("/metrics", settings.get(AdminSettings.METRICS_PUBLIC) ? ApiRoutes.metrics(version())
                        : new AccessGuard(ApiRoutes.metrics(version()), login))
                .addPrefixPath("/webjars", webjars);
    }

    /** The JSON API's routes (under {@code /api}, behind the login), or null before the console starts. */
    public ApiRoutes apiRoutes() {
        return apiRoutes;
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
        if (apiRoutes != null) {
            apiRoutes.close();
        }
    }
}
