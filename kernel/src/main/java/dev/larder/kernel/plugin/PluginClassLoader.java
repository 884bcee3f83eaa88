package dev.larder.kernel.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads one plugin's jars. Child-first, so a plugin's own libraries win over any
 * other copy, except for the packages the kernel shares with every plugin (its
 * SPI and the libraries the SPI exposes), which always come from the kernel so
 * that both sides see the same classes.
 */
final class PluginClassLoader extends URLClassLoader {

    /** Packages (and their sub-packages) taken from the kernel, never from the plugin. */
    static final List<String> SHARED_PACKAGES = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "dev.larder.spi.",
            "com.google.inject.",
            "jakarta.inject.",
            "javax.inject.",
            "org.aopalliance.",
            "io.netty.buffer.",
            "io.netty.util.",
            "org.slf4j.");

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

    PluginClassLoader(String pluginName, URL[] jars, ClassLoader kernelLoader) {
        super("plugin-" + pluginName, jars, kernelLoader);
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
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInPlugin) {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        if (isShared(name.replace('/', '.'))) {
            return super.getResource(name);
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
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
