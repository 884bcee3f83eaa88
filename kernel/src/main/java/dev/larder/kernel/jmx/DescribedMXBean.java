package dev.larder.kernel.jmx;

import dev.larder.spi.Description;
import java.lang.reflect.Method;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;

/** An MXBean registered with the {@link Description}s of its interface, so JConsole explains each figure. */
final class DescribedMXBean extends StandardMBean {

    private final Class<?> mxbeanInterface;

    private <T> DescribedMXBean(T bean, Class<T> mxbeanInterface) throws NotCompliantMBeanException {
        super(bean, mxbeanInterface, true);
        this.mxbeanInterface = mxbeanInterface;
    }

    /** The bean wrapped with its descriptions, or the bean itself when it has no MXBean interface. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object wrap(Object bean) throws NotCompliantMBeanException {
        Class<?> mxbean = mxbeanInterfaceOf(bean.getClass());
        return mxbean == null ? bean : new DescribedMXBean(bean, (Class) mxbean);
    }

    private static Class<?> mxbeanInterfaceOf(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> candidate : c.getInterfaces()) {
                if (candidate.getSimpleName().endsWith("MXBean")) {
                    return candidate;
                }
            }
        }
        return null;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        Description d = mxbeanInterface.getAnnotation(Description.class);
        return d != null ? d.value() : super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        for (String prefix : new String[] {"get", "is"}) {
            Description d = describedMethod(prefix + info.getName());
            if (d != null) {
                return d.value();
            }
        }
        return super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        Description d = describedMethod(info.getName());
        return d != null ? d.value() : super.getDescription(info);
    }

    private Description describedMethod(String name) {
        for (Method method : mxbeanInterface.getMethods()) {
            if (method.getName().equals(name) && method.isAnnotationPresent(Description.class)) {
                return method.getAnnotation(Description.class);
            }
        }
        return null;
    }
}
