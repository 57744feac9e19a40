package dev.securelogout.tck;

import dev.securelogout.core.spi.StoreException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A switch over store decorators: while it is {@link #down(boolean) down}, every call of a {@link #wrap wrapped} store
 * throws {@link StoreException}, as a store that is unreachable does; a store outage without a server. Thread-safe.
 */
public final class StoreOutage {

    private volatile boolean down;

    /** A switch that is up. */
    public StoreOutage() {
    }

    /**
     * Takes the wrapped stores down, or brings them back.
     *
     * @param value true for down
     */
    public void down(boolean value) {
        this.down = value;
    }

    /**
     * {@code delegate}, failing every call while the switch is down.
     *
     * @param type the store interface
     * @param delegate the store
     * @param <T> the store type
     * @return the decorated store
     */
    public <T> T wrap(Class<T> type, T delegate) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (down) {
                throw new StoreException(type.getSimpleName() + "." + method.getName() + " unreachable");
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
