package ist.spike.nexus.config;

/** SPIKE_NEXUS_BACKEND_STORE. Unlike upstream, an unknown value is a start-up error, not sqlite. */
public enum BackendKind {
    /** Persistent, encrypted under the root key; the default. */
    SQLITE,
    /** Development only: plaintext maps in memory, no root key, nothing survives a restart. */
    MEMORY,
    /** Cipher service only; no secrets or policies are stored. */
    LITE
}
