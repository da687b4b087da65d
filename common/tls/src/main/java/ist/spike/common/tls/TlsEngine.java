package ist.spike.common.tls;

/** Which TLS implementation runs the handshakes. */
public enum TlsEngine {
    /** The JDK's SunJSSE (the default). */
    JDK,
    /** Bouncy Castle's BCJSSE in FIPS mode over the BCFIPS provider: TLS crypto inside the FIPS module. */
    BC_FIPS
}
