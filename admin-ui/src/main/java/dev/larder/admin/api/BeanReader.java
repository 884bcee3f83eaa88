package dev.larder.admin.api;

import dev.larder.spi.ManagedBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
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

    /** A numeric attribute of a bean under {@code dev.larder}, or 0 when the bean or attribute is not there. */
    public long number(String beanProperties, String attribute) {
        try {
            Object value = server.getAttribute(new ObjectName(ManagedBean.DOMAIN + ":" + beanProperties), attribute);
            return value instanceof Number n ? n.longValue() : 0;
        } catch (JMException e) {
            return 0;
        }
    }

    /** Every bean under {@code dev.larder}, sorted by name. */
    public Set<ObjectName> beans() {
        try {
            return new TreeSet<>(server.queryNames(new ObjectName(ManagedBean.DOMAIN + ":*"), null));
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The numeric and boolean attributes of a bean, booleans as 0 or 1. */
    public Map<String, Number> numbers(ObjectName bean) {
        Map<String, Number> values = new LinkedHashMap<>();
        try {
            MBeanAttributeInfo[] attributes = server.getMBeanInfo(bean).getAttributes();
            String[] names = new String[attributes.length];
            for (int i = 0; i < attributes.length; i++) {
                names[i] = attributes[i].getName();
            }
            for (Attribute attribute : server.getAttributes(bean, names).asList()) {
                if (attribute.getValue() instanceof Number n) {
                    values.put(attribute.getName(), n);
                } else if (attribute.getValue() instanceof Boolean b) {
                    values.put(attribute.getName(), b ? 1 : 0);
                }
            }
        } catch (JMException e) {
            // The bean went away (a stop in progress): nothing to read.
        }
        return values;
    }
}
