package dev.larder.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an MXBean, attribute or operation is, as JConsole shows it. Put on the
 * MXBean interface and on its getters and operations; the kernel reads it when
 * it registers the bean.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Description {

    String value();
}
