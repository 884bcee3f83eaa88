package dev.larder.kernel.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads one plugin's jars. Its parent is the platform class loader, as Trino
 * gives its plugins: a plugin sees the JDK, its own jars, and from the kernel
 * only the packages shared with every plugin (the SPI and the libraries the SPI
 * exposes), so it cannot link the kernel's internals nor any library of the
 * kernel's by accident. Child-first for everything else, so a plugin's own
 * libraries win over any copy in the JDK's modules.
 */
final class PluginClassLoader extends URLClassLoader {

    /** Packages (and their sub-packages) taken from the kernel, never from the plugin. */
    static final List<String> SHARED_PACKAGES = List.of(
            "dev.larder.spi.",
            "com.google.inject.",
            "jakarta.inject.",
            "javax.inject.",
            "org.aopalliance.",
            "io.netty.buffer.",
            "io.netty.util.",
            "org.slf4j.");

    /** The JDK's own packages: from the platform loader first (a plugin cannot define them). */
    private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    /**
     * Netty loads a native library (epoll, OpenSSL) through this helper as seen
     * by the library's class loader, and the library binds to the helper's
     * loader. Hidden from plugins, so Netty defines a copy in the plugin's own
     * loader and the library binds where its classes are.
     */
    private static final String NATIVE_LIBRARY_HELPER = "io.netty.util.internal.NativeLibraryUtil";

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader kernelLoader;

    PluginClassLoader(String pluginName, URL[] jars, ClassLoader kernelLoader) {
        super("plugin-" + pluginName, jars, ClassLoader.getPlatformClassLoader());
        this.kernelLoader = kernelLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(NATIVE_LIBRARY_HELPER)) {
            synchronized (getClassLoadingLock(name)) {
                Class<?> own = findLoadedClass(name);
                if (own == null) {
                    throw new ClassNotFoundException(name + " is defined per plugin");
                }
                return own;
            }
        }
        if (isShared(name)) {
            return kernelLoader.loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = startsWithAny(name, JDK_PACKAGES) ? platformFirst(name) : ownFirst(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> platformFirst(String name) throws ClassNotFoundException {
        try {
            return getParent().loadClass(name);
        } catch (ClassNotFoundException notInTheJdk) {
            return findClass(name); // javax.annotation from a plugin's jsr305, say
        }
    }

    private Class<?> ownFirst(String name) throws ClassNotFoundException {
        try {
            return findClass(name);
        } catch (ClassNotFoundException notInPlugin) {
            return getParent().loadClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        if (isShared(name.replace('/', '.'))) {
            return kernelLoader.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
        urls.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(urls);
    }

    static boolean isShared(String className) {
        return startsWithAny(className, SHARED_PACKAGES);
    }

    private static boolean startsWithAny(String className, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
