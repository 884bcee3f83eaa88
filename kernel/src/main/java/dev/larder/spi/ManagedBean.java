package dev.larder.spi;

import java.util.Objects;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * An MXBean a plugin wants on the platform MBean server, under the domain
 * {@value #DOMAIN}. Contributed with {@code Multibinder.newSetBinder(binder(), ManagedBean.class)};
 * the kernel registers it before services start and removes it after they stop.
 */
public record ManagedBean(ObjectName name, Object bean) {

    public static final String DOMAIN = "dev.larder";

    public ManagedBean {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bean, "bean");
    }

    /** A bean named {@code dev.larder:<properties>}, for example {@code type=Storage}. */
    public static ManagedBean of(String properties, Object bean) {
        try {
            return new ManagedBean(new ObjectName(DOMAIN + ":" + properties), bean);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("Bad MBean name properties: " + properties, e);
        }
    }
}
