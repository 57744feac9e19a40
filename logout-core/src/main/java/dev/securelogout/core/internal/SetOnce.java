package dev.securelogout.core.internal;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The settings a builder was given, each at most once: a second call is a mistake (two sources of
 * configuration that disagree), refused with an {@link IllegalStateException} naming the setting.
 * For the builders of this library: core's, and those of the modules this package is exported to
 * (a qualified export, so no application sees it). Not thread-safe, like the builders.
 */
public final class SetOnce {

    private final Set<String> given = new HashSet<>();

    /** No setting given yet. */
    public SetOnce() {
    }

    /**
     * Records that {@code name} is given {@code value}.
     *
     * @param name  the setting, as its builder method is named
     * @param value its value
     * @param <T>   its type
     * @return {@code value}
     * @throws NullPointerException  if {@code value} is null
     * @throws IllegalStateException if {@code name} was given before
     */
    public <T> T set(String name, T value) {
        Objects.requireNonNull(value, name);
        mark(name);
        return value;
    }

    /**
     * Records that the setting {@code name}, which takes no value (or a primitive one), is given.
     *
     * @param name the setting, as its builder method is named
     * @throws IllegalStateException if {@code name} was given before
     */
    public void mark(String name) {
        if (!given.add(name)) {
            throw new IllegalStateException(name + " is already set");
        }
    }

    /**
     * Whether {@code name} was given.
     *
     * @param name the setting
     * @return true once it was given
     */
    public boolean isSet(String name) {
        return given.contains(name);
    }
}
