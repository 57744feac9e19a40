package dev.securelogout.reliability;

import java.time.Clock;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The backends every parameterised reliability test runs on, as JUnit arguments (name, factory). */
final class Backends {

    private Backends() {
    }

    /** Each backend by name, with a factory on a clock. */
    static Stream<Arguments> all() {
        return Stream.of(
                Arguments.of("memory", (Function<Clock, Backend>) MemoryBackend::new),
                Arguments.of("postgresql", (Function<Clock, Backend>) PostgresBackend::new),
                Arguments.of("redis-aof", (Function<Clock, Backend>) clock -> new RedisBackend(clock, true)));
    }

    /** {@link #all()} and Redis without persistence, whose crash loses every key. */
    static Stream<Arguments> withVolatileRedis() {
        return Stream.concat(all(), Stream.of(
                Arguments.of("redis-volatile", (Function<Clock, Backend>) clock -> new RedisBackend(clock, false))));
    }
}
