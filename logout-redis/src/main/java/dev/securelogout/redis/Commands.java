package dev.securelogout.redis;

import dev.securelogout.core.spi.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** Runs Redis commands and Lua scripts, turning every client failure into a {@link StoreException}. */
final class Commands {

    /**
     * Lua shared by the scripts: {@code keep(key, ms)} raises a key's native TTL to {@code ms} and
     * never lowers it, for indexes that must outlive their longest member.
     */
    static final String KEEP_TTL = """
            local function keep(k, ms)
              if redis.call('PTTL', k) < tonumber(ms) then redis.call('PEXPIRE', k, ms) end
            end
            """;

    private Commands() {
    }

    /** A hash as {@code HGETALL} returns it inside a script reply (field, value, field, value...), as a map. */
    static Map<String, String> hash(List<?> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }

    /** Runs {@code command}; a Redis or connection failure becomes a {@link StoreException} saying {@code what}. */
    static <T> T run(String what, Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisException e) {
            throw new StoreException("Redis could not " + what, e);
        }
    }

    /** A Lua script sent by its SHA-1, and in full only when the server does not know it yet. */
    record Script(String name, String source, String sha) {

        static Script of(String name, String source) {
            try {
                byte[] sha = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
                return new Script(name, source, HexFormat.of().formatHex(sha));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is required of every Java platform", e);
            }
        }

        /** EVALSHA, falling back to EVAL (which caches the script) on NOSCRIPT. */
        Object eval(UnifiedJedis jedis, List<String> keys, List<String> args) {
            return run(name, () -> {
                try {
                    return jedis.evalsha(sha, keys, args);
                } catch (JedisNoScriptException e) {
                    return jedis.eval(source, keys, args);
                }
            });
        }
    }
}
