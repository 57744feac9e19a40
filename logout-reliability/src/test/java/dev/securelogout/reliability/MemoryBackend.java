package dev.securelogout.reliability;

import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.memory.InMemorySessionStore;
import dev.securelogout.core.memory.InMemoryTokenRevoker;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.token.TokenRevoker;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;

/** The in-memory stores; {@link #down()} makes every call throw {@link StoreException}, as a store that is down does. */
final class MemoryBackend implements Backend {

    private volatile boolean down;
    private final SessionStore sessions;
    private final TokenRevoker tokens;

    MemoryBackend(Clock clock) {
        sessions = failing(SessionStore.class, new InMemorySessionStore(clock));
        tokens = failing(TokenRevoker.class, new InMemoryTokenRevoker(clock));
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
    public SessionStore sessions() {
        return sessions;
    }

    @Override
    public TokenRevoker tokens() {
        return tokens;
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
