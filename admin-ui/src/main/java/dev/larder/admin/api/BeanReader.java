package dev.larder.admin.api;

import dev.larder.spi.ManagedBean;
import java.lang.management.ManagementFactory;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Reads the server's MXBeans, the same ones JConsole shows, so the console, the
 * Prometheus endpoint and JMX always agree.
 */
public final class BeanReader {

    private final MBeanServer server;

    public BeanReader() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    BeanReader(MBeanServer server) {
        this.server = server;
    }

    /**
     * A typed view of the bean the SPI names {@code properties} (its interface's {@code PROPERTIES}):
     * each figure read through it is 0 while the bean is not registered (a plugin not loaded, or a stop
     * in progress).
     */
    public <T> BeanView<T> view(String properties, Class<T> type) {
        try {
            return new BeanView<>(JMX.newMXBeanProxy(server, new ObjectName(ManagedBean.DOMAIN + ":" + properties), type));
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(properties, e);
        }
    }
}
