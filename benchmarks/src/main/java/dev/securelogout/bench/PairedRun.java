package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.session.Device;
import java.time.Clock;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.RedisClient;

/**
 * The strict Redis check against one raw {@code EXISTS}, measured paired: blocks of each
 * alternate (the order switching every round) and each round yields one ratio, so load from the
 * rest of a shared machine, which drifts over seconds, falls on both sides alike. The median of the
 * per-round ratios judges the target; JMH's separate runs of the two can land minutes apart.
 */
final class PairedRun {

    private PairedRun() {
    }

    /**
     * Per-call microseconds of each side and their ratio.
     *
     * @param check  the strict {@code engine.check}, µs per call
     * @param exists the raw {@code EXISTS}, µs per call
     * @param ratio  check / exists, per round
     */
    record Result(Summary check, Summary exists, Summary ratio) {
    }

    static Result strictAgainstExists(boolean quick) {
        Clock clock = Clock.systemUTC();
        String prefix = Services.randomPrefix();
        RedisClient jedis = RedisClient.create(Services.redisUri());
        try (Backend.Stores stores = Backend.redisStrict(jedis, prefix, clock)) {
            LogoutEngine engine = stores.engine(clock);
            NewSession session = engine.startSession("bench-user", Device.unknown());
            String id = session.id().value();
            String key = Services.redisSessionKey(prefix, session.session().key());
            BooleanSupplier check = () -> engine.check(id).isActive();
            BooleanSupplier exists = () -> jedis.exists(key);
            int rounds = quick ? 40 : 400;
            int calls = 200;
            for (int i = 0; i < 20; i++) {
                time(check, calls);
                time(exists, calls);
            }
            double[] checkMicros = new double[rounds];
            double[] existsMicros = new double[rounds];
            double[] ratios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                boolean checkFirst = round % 2 == 0;
                long first = time(checkFirst ? check : exists, calls);
                long second = time(checkFirst ? exists : check, calls);
                checkMicros[round] = (checkFirst ? first : second) / 1e3 / calls;
                existsMicros[round] = (checkFirst ? second : first) / 1e3 / calls;
                ratios[round] = checkMicros[round] / existsMicros[round];
            }
            Result result = new Result(Summary.of(checkMicros), Summary.of(existsMicros), Summary.of(ratios));
            System.out.printf(Locale.ROOT, "# paired: strict check %s µs, EXISTS %s µs, ratio %s%n",
                    result.check().format(1), result.exists().format(1), result.ratio().format(2));
            return result;
        }
    }

    /** Nanoseconds for {@code calls} calls; fails if a call answers false (a refused check would be cheaper). */
    private static long time(BooleanSupplier call, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            if (!call.getAsBoolean()) {
                throw new IllegalStateException("a paired call answered false");
            }
        }
        return System.nanoTime() - start;
    }
}
