package ist.spike.common.config;

import java.net.URI;

/**
 * Where clients (Pilot, Bootstrap) find Nexus: {@code SPIKE_NEXUS_API_URL}, default
 * {@code https://localhost:8553}; it must be https, as the API is mTLS only.
 */
public record NexusClientSettings(URI apiUrl) {
    public static final String API_URL = "SPIKE_NEXUS_API_URL";
    public static final String DEFAULT_API_URL = "https://localhost:8553";

    public static NexusClientSettings from(Env env) {
        return new NexusClientSettings(env.httpsUrl(API_URL, DEFAULT_API_URL));
    }
}
