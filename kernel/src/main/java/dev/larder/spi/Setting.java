package dev.larder.spi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one declaration of a setting: its name (as in {@code conf/larder.properties}
 * and {@code -o name=value}), type, default, description, the command-line flags
 * that set it, and whether it can change while the server runs. {@code --help},
 * the admin console and {@code stats settings} are all made from it.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final String description;
    private final List<String> flags;
    private final List<String> negatedFlags;
    private final String paramLabel;
    private final boolean runtimeChangeable;
    private final Function<String, T> parser;
    private final long min;
    private final long max;

    private Setting(Builder<T> builder) {
        this.name = builder.name;
        this.type = builder.type;
        this.defaultValue = builder.defaultValue;
        this.description = Objects.requireNonNull(builder.description, "description of " + builder.name);
        this.flags = List.copyOf(builder.flags);
        this.negatedFlags = List.copyOf(builder.negatedFlags);
        this.paramLabel = builder.paramLabel;
        this.runtimeChangeable = builder.runtimeChangeable;
        this.parser = builder.parser;
        this.min = builder.min;
        this.max = builder.max;
        check(defaultValue);
    }

    /** A whole number between {@code min} and {@code max}. */
    public static Builder<Integer> integer(String name, int defaultValue) {
        return new Builder<>(name, Integer.class, defaultValue, text -> Integer.valueOf(text.trim()), "N");
    }

    /** A whole number of bytes, written plainly or with a k, m or g suffix (powers of 1024). */
    public static Builder<Long> size(String name, long defaultValue) {
        return new Builder<>(name, Long.class, defaultValue, Setting::parseSize, "SIZE");
    }

    public static Builder<Boolean> bool(String name, boolean defaultValue) {
        return new Builder<>(name, Boolean.class, defaultValue, Setting::parseBoolean, "true|false");
    }

    public static Builder<String> string(String name, String defaultValue) {
        return new Builder<>(name, String.class, defaultValue, String::trim, "TEXT");
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Command-line flags such as {@code -p} and {@code --port}; may be empty. */
    public List<String> flags() {
        return flags;
    }

    /**
     * Flags that switch a boolean setting off, as memcached's {@code -M} turns
     * evictions off; may be empty.
     */
    public List<String> negatedFlags() {
        return negatedFlags;
    }

    public String paramLabel() {
        return paramLabel;
    }

    public boolean runtimeChangeable() {
        return runtimeChangeable;
    }

    /**
     * Parses and checks a value given as text.
     *
     * @throws IllegalArgumentException with a message fit for the operator
     */
    public T parse(String text) {
        T value;
        try {
            value = parser.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "setting '" + name + "': '" + text + "' is not a valid " + paramLabel);
        }
        check(value);
        return value;
    }

    private void check(T value) {
        if (value instanceof Number number) {
            long n = number.longValue();
            if (n < min || n > max) {
                throw new IllegalArgumentException(
                        "setting '" + name + "': " + n + " is not between " + min + " and " + max);
            }
        }
    }

    /** The value as an operator would write it. */
    public String format(Object value) {
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return name;
    }

    static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'k' -> unit = 1024L;
            case 'm' -> unit = 1024L * 1024;
            case 'g' -> unit = 1024L * 1024 * 1024;
            default -> { }
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return Math.multiplyExact(Long.parseLong(t), unit);
    }

    static boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    /** Builds a {@link Setting}; {@link #description(String)} is required. */
    public static final class Builder<T> {
        private final String name;
        private final Class<T> type;
        private final T defaultValue;
        private final Function<String, T> parser;
        private String description;
        private List<String> flags = List.of();
        private List<String> negatedFlags = List.of();
        private String paramLabel;
        private boolean runtimeChangeable;
        private long min = Long.MIN_VALUE;
        private long max = Long.MAX_VALUE;

        private Builder(String name, Class<T> type, T defaultValue, Function<String, T> parser, String paramLabel) {
            if (!name.matches("[a-z][a-z0-9_.]*")) {
                throw new IllegalArgumentException("Setting names are lower case with _ or .: " + name);
            }
            this.name = name;
            this.type = type;
            this.defaultValue = Objects.requireNonNull(defaultValue, "default of " + name);
            this.parser = parser;
            this.paramLabel = paramLabel;
        }

        public Builder<T> description(String text) {
            this.description = text;
            return this;
        }

        public Builder<T> flags(String... names) {
            this.flags = List.of(names);
            return this;
        }

        /** Flags that set this boolean setting to false. */
        public Builder<T> negatedFlags(String... names) {
            if (type != Boolean.class) {
                throw new IllegalStateException("Only a boolean setting has negated flags: " + name);
            }
            this.negatedFlags = List.of(names);
            return this;
        }

        public Builder<T> paramLabel(String label) {
            this.paramLabel = label;
            return this;
        }

        public Builder<T> range(long lowest, long highest) {
            this.min = lowest;
            this.max = highest;
            return this;
        }

        /** The setting may be changed while the server runs (through JMX or the console). */
        public Builder<T> runtimeChangeable() {
            this.runtimeChangeable = true;
            return this;
        }

        public Setting<T> build() {
            return new Setting<>(this);
        }
    }
}
