package dev.larder.network.netty;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.larder.spi.Plugin;
import dev.larder.spi.Service;
import dev.larder.spi.Setting;
import dev.larder.spi.Slot;
import java.util.List;

/** The network plugin: memcached clients over Netty, each connection a bufferevent. */
public final class NettyNetworkPlugin implements Plugin {

    @Override
    public String name() {
        return "network-netty";
    }

    @Override
    public Slot slot() {
        return Slot.NETWORK;
    }

    @Override
    public List<Setting<?>> settings() {
        return NetworkSettings.ALL;
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), Service.class).addBinding().to(TcpListener.class);
            }
        };
    }
}
