package dev.larder.network.netty;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.larder.network.netty.tls.TlsContexts;
import dev.larder.network.netty.tls.TlsSettings;
import dev.larder.spi.ManagedBean;
import dev.larder.spi.Plugin;
import dev.larder.spi.Service;
import dev.larder.spi.Setting;
import dev.larder.spi.Slot;
import dev.larder.spi.net.BufferStatsMXBean;
import dev.larder.spi.net.FairShareMXBean;
import dev.larder.spi.net.IdleTimerMXBean;
import dev.larder.spi.net.NetworkStatistics;
import dev.larder.spi.net.TlsMXBean;
import java.util.ArrayList;
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
        List<Setting<?>> all = new ArrayList<>(NetworkSettings.ALL);
        all.addAll(TlsSettings.ALL);
        return all;
    }

    @Override
    public Module module() {
        Transport.warmUp();
        return new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), Service.class).addBinding().to(TcpListener.class);
                bind(NetworkStatistics.class).to(ConnectionRegistry.class);
                bind(BufferStatsMXBean.class).to(ConnectionRegistry.class);
                bind(FairShareMXBean.class).to(FairShare.class);
                bind(IdleTimerMXBean.class).to(IdleTimer.class);
                bind(TlsMXBean.class).to(TlsContexts.class);
            }

            @ProvidesIntoSet
            ManagedBean bufferStats(ConnectionRegistry registry) {
                return ManagedBean.of(BufferStatsMXBean.PROPERTIES, registry);
            }

            @ProvidesIntoSet
            ManagedBean fairShare(FairShare fairShare) {
                return ManagedBean.of(FairShareMXBean.PROPERTIES, fairShare);
            }

            @ProvidesIntoSet
            ManagedBean idleTimer(IdleTimer idleTimer) {
                return ManagedBean.of(IdleTimerMXBean.PROPERTIES, idleTimer);
            }

            @ProvidesIntoSet
            ManagedBean tls(TlsContexts tls) {
                return ManagedBean.of(TlsMXBean.PROPERTIES, tls);
            }
        };
    }
}
