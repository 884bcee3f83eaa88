package dev.larder.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name an MXBean figure has on the console's Prometheus endpoint
 * ({@code /metrics}), put on its getter beside its {@link Description}, which is
 * its help text there too: a figure, its meaning and its export are written once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Metric {

    /** The metric's name; a counter's ends in {@code _total}. */
    String value();

    /** A count that only grows (a Prometheus counter), not a level that moves both ways (a gauge). */
    boolean counter() default false;
}
