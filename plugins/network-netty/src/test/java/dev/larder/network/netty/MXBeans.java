package dev.larder.network.netty;

import java.lang.management.ManagementFactory;
import javax.management.JMX;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** Proxies of the server's MXBeans on the platform MBean server, as JConsole would use them. */
final class MXBeans {

    private MXBeans() {
    }

    /** The bean {@code dev.larder:type=Network,name=<name>}. */
    static <T> T network(String name, Class<T> type) {
        try {
            return JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(),
                    new ObjectName("dev.larder:type=Network,name=" + name), type);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
