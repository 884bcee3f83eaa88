package dev.larder.protocol.memcached;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.larder.protocol.memcached.text.TextSessionFactory;
import dev.larder.spi.Plugin;
import dev.larder.spi.Setting;
import dev.larder.spi.Slot;
import dev.larder.spi.net.ProtocolSessionFactory;
import java.util.List;

/** The protocol plugin: memcached's protocols, served against the item store. */
public final class MemcachedProtocolPlugin implements Plugin {

    @Override
    public String name() {
        return "protocol-memcached";
    }

    @Override
    public Slot slot() {
        return Slot.PROTOCOL;
    }

    @Override
    public List<Setting<?>> settings() {
        return ProtocolSettings.ALL;
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                bind(ProtocolSessionFactory.class).to(TextSessionFactory.class);
            }
        };
    }
}
