package dev.larder.spi;

/**
 * The place a plugin fills in the server. Declared in start order: services of a
 * slot start after those of the slots before it and stop before them.
 */
public enum Slot {
    STORAGE(true),
    PROTOCOL(true),
    NETWORK(true),
    ADMIN(false);

    private final boolean required;

    Slot(boolean required) {
        this.required = required;
    }

    /** Whether the server refuses to start without a plugin in this slot. */
    public boolean required() {
        return required;
    }

    /** The lower-case name used in messages and listings. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
