package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import java.time.Clock;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.RedisClient;

/**
 * The strict Redis check against one raw {@code EXISTS}, measured paired: blocks of the strict
 * {@code engine.check}, of the strict store's {@code find(key)} alone and of {@code EXISTS}
 * alternate (the order rotating every round), and each round yields one ratio per side, so load
 * from the rest of a shared machine, which drifts over seconds, falls on every side alike. The
 * median of the per-round ratios judges the target; JMH's separate runs can land minutes apart.
 */
final class PairedRun {

    private static final int CALLS = 200;

    private PairedRun() {
    }

    /**
     * Per-call microseconds of each side and the ratios to {@code EXISTS}.
     *
     * @param check      strict {@code engine.check}, µs per call
     * @param find       strict {@code RedisSessionStore.find(key)}, µs per call
     * @param exists     raw {@code EXISTS}, µs per call
     * @param checkRatio check / exists, per round
     * @param findRatio  find / exists, per round
     */
    record Result(Summary check, Summary find, Summary exists, Summary checkRatio, Summary findRatio) {
    }

    static Result strictAgainstExists(boolean quick) {
        Clock clock = Clock.systemUTC();
        String prefix = Services.randomPrefix();
        RedisClient jedis = RedisClient.create(Services.redisUri());
        try (Backend.Stores stores = Backend.redisStrict(jedis, prefix, clock)) {
            LogoutEngine engine = stores.engine(clock);
            NewSession session = engine.startSession("bench-user", Device.unknown());
            String id = session.id().value();
            CredentialKey key = session.session().key();
            String redisKey = Services.redisSessionKey(prefix, key);
            BooleanSupplier[] sides = {
                () -> engine.check(id).isActive(),
                () -> stores.sessions().find(key).isPresent(),
                () -> jedis.exists(redisKey),
            };
            int rounds = quick ? 40 : 400;
            for (int i = 0; i < 20; i++) {
                for (BooleanSupplier side : sides) {
                    time(side);
                }
            }
            double[][] micros = new double[sides.length][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < sides.length; i++) {
                    int side = (i + round) % sides.length;
                    micros[side][round] = time(sides[side]) / 1e3 / CALLS;
                }
            }
            double[] checkRatio = new double[rounds];
            double[] findRatio = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                checkRatio[round] = micros[0][round] / micros[2][round];
                findRatio[round] = micros[1][round] / micros[2][round];
            }
            Result result = new Result(Summary.of(micros[0]), Summary.of(micros[1]), Summary.of(micros[2]),
                    Summary.of(checkRatio), Summary.of(findRatio));
            System.out.printf(Locale.ROOT, "# paired: strict check %s µs, find %s µs, EXISTS %s µs; check/EXISTS %s, find/EXISTS %s%n",
                    result.check().format(1), result.find().format(1), result.exists().format(1),
                    result.checkRatio().format(2), result.findRatio().format(2));
            return result;
        }
    }

    /**
     * {@code engine.check} with metrics on against off on {@code backend}, paired as above: blocks
     * of each alternate, the order rotating every round; the median of the per-round ratios judges
     * the cost of metrics.
     *
     * @param off   an engine with no monitor, with a live session
     * @param offId that session's id
     * @param on    an engine reporting to Micrometer, with a live session
     * @param onId  that session's id
     * @param quick fewer rounds
     * @return per-call microseconds of off and on, and on / off per round
     */
    static Summary[] onAgainstOff(LogoutEngine off, String offId, LogoutEngine on, String onId, boolean quick) {
        BooleanSupplier[] sides = {() -> off.check(offId).isActive(), () -> on.check(onId).isActive()};
        for (int i = 0; i < 500; i++) {
            time(sides[0]);
            time(sides[1]);
        }
        int rounds = quick ? 500 : 5000;
        double[][] micros = new double[2][rounds];
        double[] ratio = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < 2; i++) {
                int side = (i + round) % 2;
                micros[side][round] = time(sides[side]) / 1e3 / CALLS;
            }
            ratio[round] = micros[1][round] / micros[0][round];
        }
        return new Summary[] {Summary.of(micros[0]), Summary.of(micros[1]), Summary.of(ratio)};
    }

    /** Nanoseconds for {@link #CALLS} calls; fails if a call answers false (a refused check would be cheaper). */
    private static long time(BooleanSupplier call) {
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            if (!call.getAsBoolean()) {
                throw new IllegalStateException("a paired call answered false");
            }
        }
        return System.nanoTime() - start;
    }
}
