package ist.spike.nexus.config;

import ist.spike.common.config.Env;
import java.time.Duration;

/**
 * How much of Nexus one client may take (docs/configuration.md):
 *
 * @param maxConnections      TLS connections open at once
 * @param bodyTimeout         a request's body must arrive within this time of its headers
 * @param ratePerSecond       requests a second per SPIFFE ID once its burst is spent; 0 turns the limit off
 * @param rateBurst           requests one SPIFFE ID may make at once
 * @param inFlightBodyBytes   request-body bytes in memory at once across all callers; one caller gets a
 *                            quarter of it (or one body, if a body is larger)
 */
public record RequestLimitSettings(int maxConnections, Duration bodyTimeout, int ratePerSecond, int rateBurst,
                                   long inFlightBodyBytes) {

    static RequestLimitSettings fromEnv(Env env) {
        int rate = env.intInRange("SPIKE_NEXUS_RATE_LIMIT_PER_SECOND", 20_000, 0, 10_000_000);
        return new RequestLimitSettings(
                env.intInRange("SPIKE_NEXUS_MAX_CONNECTIONS", 256, 1, 100_000),
                env.positiveDuration("SPIKE_HTTP_SERVER_READ_BODY_TIMEOUT", Duration.ofSeconds(30)),
                rate,
                env.intInRange("SPIKE_NEXUS_RATE_LIMIT_BURST", Math.max(1, rate), 1, 10_000_000),
                env.intInRange("SPIKE_NEXUS_MAX_IN_FLIGHT_BODY_BYTES", 8 * 1024 * 1024, 4096, 1 << 30));
    }

    /** One caller's share of {@link #inFlightBodyBytes}. */
    public long perCallerBodyBytes() {
        return inFlightBodyBytes / 4;
    }
}
