package dev.securelogout.servlet;

import dev.securelogout.core.spi.StoreException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/** A switch that makes wrapped stores throw {@link StoreException}, as a store that is down does. */
final class Outage {

    private volatile boolean down;

    void down(boolean value) {
        this.down = value;
    }

    /** {@code delegate}, failing every call while the switch is down. */
    <T> T wrap(Class<T> type, T delegate) {
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
