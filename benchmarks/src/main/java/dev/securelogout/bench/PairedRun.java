package dev.securelogout.bench;

import dev.securelogout.core.AccessTokenStatus;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.token.AccessTokenClaims;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.RedisClient;

/**
 * The strict Redis checks against one raw {@code EXISTS}, measured paired: blocks of the strict
 * {@code engine.check}, of the strict store's {@code find(key)} alone, of the strict bearer check
 * {@code engine.checkAccessToken} (one pipelined round trip) and of {@code EXISTS}
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
     * @param check       strict {@code engine.check}, µs per call
     * @param find        strict {@code RedisSessionStore.find(key)}, µs per call
     * @param bearer      strict {@code engine.checkAccessToken} of verified claims naming a grant, µs per call
     * @param exists      raw {@code EXISTS}, µs per call
     * @param checkRatio  check / exists, per round
     * @param findRatio   find / exists, per round
     * @param bearerRatio bearer / exists, per round
     */
    record Result(Summary check, Summary find, Summary bearer, Summary exists, Summary checkRatio, Summary findRatio,
                  Summary bearerRatio) {
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
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            // minted from a refresh token, so it names a grant: the combined check reads that entry too
            AccessTokenClaims claims = HttpRun.verifier(secret, clock)
                    .verify(HttpRun.issuer(secret, engine).issue(engine.issueRefreshToken("bench-user")).value()).orElseThrow();
            if (claims.grant().isEmpty()) {
                throw new IllegalStateException("the paired bearer token names no grant");
            }
            BooleanSupplier[] sides = {
                () -> engine.check(id).isActive(),
                () -> stores.sessions().find(key).isPresent(),
                () -> engine.checkAccessToken(claims) == AccessTokenStatus.ACTIVE,
                () -> jedis.exists(redisKey),
            };
            double[][] micros = interleaved(sides, quick ? 40 : 400, 20);
            Result result = new Result(Summary.of(micros[0]), Summary.of(micros[1]), Summary.of(micros[2]), Summary.of(micros[3]),
                    ratios(micros[0], micros[3]), ratios(micros[1], micros[3]), ratios(micros[2], micros[3]));
            System.out.printf(Locale.ROOT, "# paired: strict check %s µs, find %s µs, checkAccessToken %s µs, EXISTS %s µs; "
                    + "check/EXISTS %s, find/EXISTS %s, checkAccessToken/EXISTS %s%n",
                    result.check().format(1), result.find().format(1), result.bearer().format(1), result.exists().format(1),
                    result.checkRatio().format(2), result.findRatio().format(2), result.bearerRatio().format(2));
            return result;
        }
    }

    /**
     * The cached checks against the digest floor, paired: blocks of a plain SHA-256 of the id's
     * secret part, of the digest floor (parse + SHA-256 + {@code ConcurrentHashMap.get} by the key),
     * and of {@code engine.check} in memory and with the Redis near cache alternate, the order
     * rotating every round.
     *
     * @param quick fewer rounds
     * @return per-call microseconds of the four sides, in that order, then each side / digest floor per round
     */
    static Summary[] cachedAgainstDigestFloor(boolean quick) throws Exception {
        Clock clock = Clock.systemUTC();
        try (Backend.Stores memory = Backend.MEMORY.open(clock); Backend.Stores near = Backend.REDIS_NEAR.open(clock)) {
            LogoutEngine memoryEngine = memory.engine(clock);
            LogoutEngine nearEngine = near.engine(clock);
            String memoryId = memoryEngine.startSession("bench-user", Device.unknown()).id().value();
            String nearId = nearEngine.startSession("bench-user", Device.unknown()).id().value();
            ConcurrentHashMap<CredentialKey, Object> byKey = new ConcurrentHashMap<>();
            byKey.put(Credential.parse(memoryId).orElseThrow().key(), memoryId);
            byte[] secretBytes = memoryId.substring(memoryId.indexOf('.') + 1).getBytes(StandardCharsets.US_ASCII);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            BooleanSupplier[] sides = {
                () -> sha256.digest(secretBytes).length == 32,
                () -> byKey.get(Credential.parse(memoryId).orElseThrow().key()) != null,
                () -> memoryEngine.check(memoryId).isActive(),
                () -> nearEngine.check(nearId).isActive(),
            };
            double[][] micros = interleaved(sides, quick ? 2000 : 20000, 2000);
            return new Summary[] {Summary.of(micros[0]), Summary.of(micros[1]), Summary.of(micros[2]), Summary.of(micros[3]),
                ratios(micros[0], micros[1]), ratios(micros[2], micros[1]), ratios(micros[3], micros[1])};
        }
    }

    /**
     * Runs {@code warmUp} then {@code rounds} rounds of a block of each side, the order rotating
     * every round; µs per call, per side and round.
     */
    static double[][] interleaved(BooleanSupplier[] sides, int rounds, int warmUp) {
        for (int i = 0; i < warmUp; i++) {
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
        return micros;
    }

    /** The per-round ratios {@code side[i] / base[i]}. */
    static Summary ratios(double[] side, double[] base) {
        double[] ratio = new double[side.length];
        for (int round = 0; round < side.length; round++) {
            ratio[round] = side[round] / base[round];
        }
        return Summary.of(ratio);
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
        double[][] micros = interleaved(sides, quick ? 500 : 5000, 500);
        return new Summary[] {Summary.of(micros[0]), Summary.of(micros[1]), ratios(micros[1], micros[0])};
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
