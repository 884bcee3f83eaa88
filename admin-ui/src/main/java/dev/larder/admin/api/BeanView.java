package dev.larder.admin.api;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/** One MXBean through its SPI interface; a figure of a bean that is not registered reads as 0. */
public final class BeanView<T> {

    private final T bean;

    BeanView(T bean) {
        this.bean = bean;
    }

    public long read(ToLongFunction<T> figure) {
        try {
            return figure.applyAsLong(bean);
        } catch (UndeclaredThrowableException notRegistered) {
            return 0;
        }
    }

    /** A yes/no figure as Prometheus and the charts want it: 1 or 0. */
    public long flag(Predicate<T> figure) {
        try {
            return figure.test(bean) ? 1 : 0;
        } catch (UndeclaredThrowableException notRegistered) {
            return 0;
        }
    }
}
