package dev.larder.admin;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.larder.spi.Plugin;
import dev.larder.spi.Service;
import dev.larder.spi.Setting;
import dev.larder.spi.Slot;
import java.util.List;

/** The admin console: a web page and JSON API to watch and manage the server. */
public final class AdminConsolePlugin implements Plugin {

    @Override
    public String name() {
        return "admin-console";
    }

    @Override
    public Slot slot() {
        return Slot.ADMIN;
    }

    @Override
    public List<Setting<?>> settings() {
        return AdminSettings.ALL;
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), Service.class).addBinding().to(AdminServer.class);
            }
        };
    }
}
