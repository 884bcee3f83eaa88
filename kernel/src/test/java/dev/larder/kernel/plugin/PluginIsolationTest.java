package dev.larder.kernel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.larder.kernel.testing.JarBuilder;
import dev.larder.spi.Plugin;
import dev.larder.spi.StartupException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two plugins in plugins/alpha and plugins/beta each bring their own version of
 * the same library class ({@code conflict.Lib}); the kernel holds a third. Each
 * plugin must see its own.
 */
class PluginIsolationTest {

    @TempDir
    static Path work;
    static Path pluginsDir;
    static Path kernelLib;

    @BeforeAll
    static void buildPlugins() throws IOException {
        pluginsDir = Files.createDirectories(work.resolve("plugins"));
        kernelLib = library("0", work.resolve("kernel-lib/conflict-0.jar"));
        plugin("alpha", "STORAGE", library("1", pluginsDir.resolve("alpha/conflict-1.jar")));
        plugin("beta", "PROTOCOL", library("2", pluginsDir.resolve("beta/conflict-2.jar")));
    }

    @Test
    void eachPluginLoadsItsOwnVersionOfAConflictingLibrary() throws Exception {
        try (URLClassLoader kernelLoader = new URLClassLoader(new URL[] {kernelLib.toUri().toURL()},
                getClass().getClassLoader())) {
            Map<String, Plugin> plugins = new PluginLoader(kernelLoader).fromDirectory(pluginsDir).stream()
                    .map(DiscoveredPlugin::plugin)
                    .collect(Collectors.toMap(Plugin::name, Function.identity()));

            assertThat(plugins).containsOnlyKeys("alpha", "beta");
            // Each plugin's version() answers with the conflict.Lib version it sees.
            assertThat(plugins.get("alpha").version()).isEqualTo("lib 1");
            assertThat(plugins.get("beta").version()).isEqualTo("lib 2");
            assertThat(kernelLoader.loadClass("conflict.Lib").getMethod("version").invoke(null)).isEqualTo("0");
        }
    }

    @Test
    void pluginsShareTheKernelsSpiAndGuice() {
        List<DiscoveredPlugin> plugins = new PluginLoader(getClass().getClassLoader()).fromDirectory(pluginsDir);
        for (DiscoveredPlugin p : plugins) {
            ClassLoader pluginLoader = p.plugin().getClass().getClassLoader();
            assertThat(pluginLoader).isInstanceOf(PluginClassLoader.class);
            assertThat(p.plugin()).isInstanceOf(Plugin.class);
            assertThat(p.plugin().module()).isInstanceOf(com.google.inject.Module.class);
            assertThat(p.source()).endsWith(p.plugin().name());
        }
    }

    /** The platform loader is the parent: a plugin sees the JDK and the shared packages, nothing else of the kernel. */
    @Test
    void aPluginCannotLinkTheKernelsInternalsNorItsOtherLibraries() throws Exception {
        try (URLClassLoader kernelLoader = new URLClassLoader(new URL[] {kernelLib.toUri().toURL()},
                getClass().getClassLoader())) {
            for (DiscoveredPlugin p : new PluginLoader(kernelLoader).fromDirectory(pluginsDir)) {
                ClassLoader pluginLoader = p.plugin().getClass().getClassLoader();
                assertThat(pluginLoader.getParent()).isSameAs(ClassLoader.getPlatformClassLoader());
                assertThat(pluginLoader.loadClass("dev.larder.spi.Plugin")).isSameAs(Plugin.class);
                assertThat(pluginLoader.loadClass("java.sql.Connection").getClassLoader())
                        .isSameAs(ClassLoader.getPlatformClassLoader());
                assertThatThrownBy(() -> pluginLoader.loadClass(PluginLoader.class.getName()))
                        .as("the kernel's own classes").isInstanceOf(ClassNotFoundException.class);
                assertThatThrownBy(() -> pluginLoader.loadClass("picocli.CommandLine"))
                        .as("a library only the kernel has").isInstanceOf(ClassNotFoundException.class);
            }
        }
    }

    @Test
    void aFolderOfJarsWithoutAPluginIsRefused(@TempDir Path other) throws IOException {
        library("9", other.resolve("plugins/empty/conflict-9.jar"));
        assertThatThrownBy(() -> new PluginLoader(getClass().getClassLoader()).fromDirectory(other.resolve("plugins")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("holds jars but no plugin");
    }

    private static Path library(String version, Path jar) throws IOException {
        return new JarBuilder()
                .source("conflict.Lib", "package conflict; public final class Lib {"
                        + " public static String version() { return \"" + version + "\"; } }")
                .writeTo(jar, Files.createDirectories(work.resolve("build")));
    }

    private static void plugin(String name, String slot, Path libraryJar) throws IOException {
        String className = "isolated." + name + ".ThePlugin";
        new JarBuilder()
                .classPath(libraryJar)
                .source(className, "package isolated." + name + ";\n"
                        + "public final class ThePlugin implements dev.larder.spi.Plugin {\n"
                        + "  public String name() { return \"" + name + "\"; }\n"
                        + "  public dev.larder.spi.Slot slot() { return dev.larder.spi.Slot." + slot + "; }\n"
                        + "  public com.google.inject.Module module() { return binder -> { }; }\n"
                        + "  public String version() { return \"lib \" + conflict.Lib.version(); }\n"
                        + "}\n")
                .resource("META-INF/services/dev.larder.spi.Plugin", className + "\n")
                .writeTo(libraryJar.resolveSibling(name + ".jar"), Files.createDirectories(work.resolve("build")));
    }
}
