package dev.securelogout.spring.boot.autoconfigure;

import dev.securelogout.spring.boot.autoconfigure.SecureLogoutProperties.Store;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches the store chosen by {@code securelogout.store}, or, when it is unset, by what the
 * application has: a Redis URL, else a {@code DataSource}, else memory. Evaluated when beans are
 * registered, after the {@code DataSource} auto-configuration. Stateless.
 */
abstract class StoreCondition extends SpringBootCondition implements ConfigurationCondition {

    private final Store store;

    StoreCondition(Store store) {
        this.store = store;
    }

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Store chosen = chosen(context);
        return chosen == store
                ? ConditionOutcome.match("securelogout store is " + chosen)
                : ConditionOutcome.noMatch("securelogout store is " + chosen + ", not " + store);
    }

    private static Store chosen(ConditionContext context) {
        String named = context.getEnvironment().getProperty("securelogout.store", "").strip();
        if (!named.isEmpty()) {
            return Store.valueOf(named.toUpperCase(Locale.ROOT));
        }
        if (!context.getEnvironment().getProperty("securelogout.redis.url", "").isBlank()) {
            return Store.REDIS;
        }
        boolean dataSource = context.getBeanFactory() != null
                && context.getBeanFactory().getBeanNamesForType(DataSource.class, true, false).length > 0;
        return dataSource ? Store.JDBC : Store.MEMORY;
    }

    /** The in-memory stores. */
    static final class Memory extends StoreCondition {
        Memory() {
            super(Store.MEMORY);
        }
    }

    /** The JDBC stores. */
    static final class Jdbc extends StoreCondition {
        Jdbc() {
            super(Store.JDBC);
        }
    }

    /** The Redis stores. */
    static final class Redis extends StoreCondition {
        Redis() {
            super(Store.REDIS);
        }
    }
}
