package dev.larder.kernel.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles Java sources and packs them into a jar, for tests that need real plugin jars. */
public final class JarBuilder {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>();

    /** A class, by its fully qualified name. */
    public JarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    public JarBuilder resource(String path, String content) {
        resources.put(path, content);
        return this;
    }

    /** Compiles against the test's own class path plus these jars. */
    public JarBuilder classPath(Path jar) {
        classPath.add(jar);
        return this;
    }

    public Path writeTo(Path jar, Path workDir) throws IOException {
        Path src = Files.createTempDirectory(workDir, "src");
        Path classes = Files.createTempDirectory(workDir, "classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-cp",
                System.getProperty("java.class.path") + File.pathSeparator
                        + String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList())));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("Test sources did not compile");
        }
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
            for (Map.Entry<String, String> resource : resources.entrySet()) {
                out.putNextEntry(new JarEntry(resource.getKey()));
                write(out, resource.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
