package dev.larder.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.larder.spi.LoadedPlugins;
import dev.larder.spi.Service;
import dev.larder.spi.Settings;
import dev.larder.spi.Slot;
import dev.larder.spi.StartupException;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin console's web server: the page and its JSON API. */
@Singleton
public final class AdminServer implements Service {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final Settings settings;
    private final LoadedPlugins plugins;
    private Undertow undertow;

    @Inject
    AdminServer(Settings settings, LoadedPlugins plugins) {
        this.settings = settings;
        this.plugins = plugins;
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
                .setHandler(routes())
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

    private HttpHandler routes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ResourceHandler page = Handlers.resource(
                        new ClassPathResourceManager(AdminServer.class.getClassLoader(), "dev/larder/admin/static"))
                .setWelcomeFiles("index.html");
        return Handlers.routing()
                .get("/api/plugins", new PluginsApi(plugins, json))
                .setFallbackHandler(page);
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
