package dev.securelogout.core;

import dev.securelogout.core.spi.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/** Wraps a store so that every call throws {@link StoreException} while the switch is on. */
final class Failing {

    private Failing() {
    }

    static <T> T when(AtomicBoolean down, Class<T> type, T delegate) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (down.get()) {
                throw new StoreException(type.getSimpleName() + " unreachable");
            }
            try {
                return method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }
}
