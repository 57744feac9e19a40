package dev.securelogout.reliability;

import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.spi.TokenVersionStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;

/** The in-memory stores; {@link #down()} makes every call throw {@link StoreException}, as a store that is down does. */
final class MemoryBackend implements Backend {

    private volatile boolean down;
    private final Stores stores;

    MemoryBackend(Clock clock) {
        stores = new Stores(failing(SessionStore.class, InMemoryStores.sessionStore(clock)),
                failing(PersistentTokenStore.class, InMemoryStores.persistentTokenStore(clock)),
                failing(AccessTokenDenylist.class, InMemoryStores.accessTokenDenylist(clock)),
                failing(TokenVersionStore.class, InMemoryStores.tokenVersionStore()));
    }

    private <T> T failing(Class<T> type, T delegate) {
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

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Stores stores() {
        return stores;
    }

    @Override
    public long footprint() {
        throw new UnsupportedOperationException("the in-memory stores are bounded caches: nothing to count");
    }

    @Override
    public void down() {
        down = true;
    }

    @Override
    public void up() {
        down = false;
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return name();
    }
}
