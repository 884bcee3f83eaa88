package dev.larder.kernel.jmx;

import dev.larder.spi.StartupException;
import dev.larder.spi.ManagedBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the contributed {@link ManagedBean}s on an MBean server and removes them again. */
public final class MBeanRegistry {

    private static final Logger log = LoggerFactory.getLogger(MBeanRegistry.class);

    private final MBeanServer server;
    private final List<ManagedBean> registered = new ArrayList<>();

    public MBeanRegistry(MBeanServer server) {
        this.server = server;
    }

    public void registerAll(Set<ManagedBean> beans) {
        for (ManagedBean bean : beans) {
            try {
                server.registerMBean(DescribedMXBean.wrap(bean.bean()), bean.name());
                registered.add(bean);
            } catch (JMException e) {
                unregisterAll();
                throw new StartupException("Cannot register the MBean " + bean.name() + ": " + e.getMessage(), e);
            }
        }
    }

    public void unregisterAll() {
        for (ManagedBean bean : registered) {
            try {
                server.unregisterMBean(bean.name());
            } catch (JMException e) {
                log.warn("Could not unregister {}: {}", bean.name(), e.toString());
            }
        }
        registered.clear();
    }
}
