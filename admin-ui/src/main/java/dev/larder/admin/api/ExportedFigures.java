package dev.larder.admin.api;

import dev.larder.spi.Description;
import dev.larder.spi.Metric;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Registers each getter of an MXBean interface that carries a {@link Metric},
 * read through the bean's typed view when scraped, with its {@link Description}
 * as help: the figures' names and meanings are written once, on the SPI interface.
 */
final class ExportedFigures {

    private ExportedFigures() {
    }

    static <T> void register(PrometheusRegistry registry, BeanView<T> bean, Class<T> type) {
        Arrays.stream(type.getMethods())
                .filter(getter -> getter.isAnnotationPresent(Metric.class))
                .sorted(Comparator.comparing(getter -> getter.getAnnotation(Metric.class).value()))
                .forEach(getter -> register(registry, bean, getter));
    }

    private static <T> void register(PrometheusRegistry registry, BeanView<T> bean, Method getter) {
        Metric metric = getter.getAnnotation(Metric.class);
        String help = getter.getAnnotation(Description.class).value();
        boolean flag = getter.getReturnType() == boolean.class;
        if (metric.counter()) {
            CounterWithCallback.builder().name(metric.value()).help(help)
                    .callback(callback -> callback.call(read(bean, getter, flag))).register(registry);
        } else {
            GaugeWithCallback.builder().name(metric.value()).help(help)
                    .callback(callback -> callback.call(read(bean, getter, flag))).register(registry);
        }
    }

    private static <T> long read(BeanView<T> bean, Method getter, boolean flag) {
        return flag ? bean.flag(view -> (Boolean) invoke(getter, view))
                : bean.read(view -> ((Number) invoke(getter, view)).longValue());
    }

    /** The getter's value; what the bean's proxy throws (a bean not registered) is rethrown as it is, for {@link BeanView}. */
    private static Object invoke(Method getter, Object bean) {
        try {
            return getter.invoke(bean);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            throw new IllegalStateException(getter.getName(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(getter.getName(), e);
        }
    }
}
