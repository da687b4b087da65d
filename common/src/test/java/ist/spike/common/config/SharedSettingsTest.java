package ist.spike.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared settings records: upstream defaults, and a clear error for each bad value. */
class SharedSettingsTest {
    private static final Env NONE = Env.of(Map.of());

    private static String failure(Runnable read) {
        return assertThrows(ConfigException.class, read::run).getMessage();
    }

    // ---- trust roots ----

    @Test
    void trustRootsDefaultToSpikeIst() {
        List<String> spike = List.of("spike.ist");
        assertEquals(new TrustRoots(spike, spike, spike, spike, spike, spike), TrustRoots.from(NONE));
    }

    @Test
    void trustRootsAreCommaSeparatedPerRole() {
        TrustRoots roots = TrustRoots.from(Env.of(Map.of(
                "SPIKE_TRUST_ROOT", "a.example",
                "SPIKE_TRUST_ROOT_NEXUS", "spike.ist, prod-1.example ,",
                "SPIKE_TRUST_ROOT_KEEPER", "k_1.example",
                "SPIKE_TRUST_ROOT_PILOT", "p.example",
                "SPIKE_TRUST_ROOT_BOOTSTRAP", "b.example",
                "SPIKE_TRUST_ROOT_LITE_WORKLOAD", "w.example,x.example")));
        assertEquals(List.of("a.example"), roots.general());
        assertEquals(List.of("spike.ist", "prod-1.example"), roots.nexus());
        assertEquals(List.of("k_1.example"), roots.keeper());
        assertEquals(List.of("p.example"), roots.pilot());
        assertEquals(List.of("b.example"), roots.bootstrap());
        assertEquals(List.of("w.example", "x.example"), roots.liteWorkload());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Spike.IST|        SPIKE_TRUST_ROOT_NEXUS: \"Spike.IST\" contains \"Spike.IST\", which is not a trust domain name (expected 1-255 lowercase letters, digits, '.', '-', '_')",
        "spike.ist,bad/td| SPIKE_TRUST_ROOT_NEXUS: \"spike.ist,bad/td\" contains \"bad/td\", which is not a trust domain name (expected 1-255 lowercase letters, digits, '.', '-', '_')",
        "spiffe://a|       SPIKE_TRUST_ROOT_NEXUS: \"spiffe://a\" contains \"spiffe://a\", which is not a trust domain name (expected 1-255 lowercase letters, digits, '.', '-', '_')",
        "', ,'|            SPIKE_TRUST_ROOT_NEXUS: \", ,\" has no entries (expected comma-separated trust domain names)",
    })
    void trustRootsRefuseInvalidNames(String value, String message) {
        assertEquals(message.strip(), failure(() -> TrustRoots.from(Env.of(Map.of("SPIKE_TRUST_ROOT_NEXUS", value)))));
    }

    @Test
    void trustDomainNameRule() {
        assertEquals(true, TrustDomainName.isValid("a"));
        assertEquals(true, TrustDomainName.isValid("my-td_1.example.org"));
        assertEquals(true, TrustDomainName.isValid("x".repeat(255)));
        assertEquals(false, TrustDomainName.isValid("x".repeat(256)));
        assertEquals(false, TrustDomainName.isValid(""));
        assertEquals(false, TrustDomainName.isValid(null));
        assertEquals(false, TrustDomainName.isValid("a b"));
        assertEquals(false, TrustDomainName.isValid("a:8080"));
        assertEquals(false, TrustDomainName.isValid("ünï.example"));
    }

    // ---- identity source ----

    @Test
    void identitySourceDefaults() {
        assertEquals(new IdentitySourceSettings(Optional.empty(), "unix:///tmp/spire-agent/public/api.sock",
                Duration.ofSeconds(30)), IdentitySourceSettings.from(NONE));
    }

    @Test
    void identitySourceReadsAllThree() {
        IdentitySourceSettings settings = IdentitySourceSettings.from(Env.of(Map.of(
                "SPIKE_SVID_DIR", "/run/svids",
                "SPIFFE_ENDPOINT_SOCKET", "unix:/run/agent.sock",
                "SPIKE_SPIFFE_SOURCE_TIMEOUT", "1m30s")));
        assertEquals(new IdentitySourceSettings(Optional.of(Path.of("/run/svids")), "unix:/run/agent.sock",
                Duration.ofSeconds(90)), settings);
        assertEquals("tcp://127.0.0.1:8081", IdentitySourceSettings.from(
                Env.of(Map.of("SPIFFE_ENDPOINT_SOCKET", "tcp://127.0.0.1:8081"))).workloadApiSocket());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SPIFFE_ENDPOINT_SOCKET|     /tmp/agent.sock| SPIFFE_ENDPOINT_SOCKET: \"/tmp/agent.sock\" is not a Workload API address (expected unix:///path/to/api.sock or tcp://host:port)",
        "SPIFFE_ENDPOINT_SOCKET|     unix:|           SPIFFE_ENDPOINT_SOCKET: \"unix:\" is not a Workload API address (expected unix:///path/to/api.sock or tcp://host:port)",
        "SPIKE_SPIFFE_SOURCE_TIMEOUT|30|              SPIKE_SPIFFE_SOURCE_TIMEOUT: \"30\" is not a duration: missing unit in duration (expected Go syntax such as 300ms, 30s, 5m, 1h30m)",
        "SPIKE_SPIFFE_SOURCE_TIMEOUT|0s|              SPIKE_SPIFFE_SOURCE_TIMEOUT: \"0s\" is not positive (expected a duration greater than 0s)",
        "SPIKE_SVID_DIR|             a\u0000b|        SPIKE_SVID_DIR: \"a\\x00b\" is not a directory path",
    })
    void identitySourceRefusesBadValues(String name, String value, String message) {
        assertEquals(message.strip(), failure(() -> IdentitySourceSettings.from(Env.of(Map.of(name, value)))));
    }

    // ---- logging ----

    @Test
    void loggingDefaultsToWarnWithoutStackTraces() {
        assertEquals(new LoggingSettings(LogLevel.WARN, false), LoggingSettings.from(NONE));
        assertEquals(new LoggingSettings(LogLevel.DEBUG, true), LoggingSettings.from(Env.of(Map.of(
                "SPIKE_SYSTEM_LOG_LEVEL", "debug", "SPIKE_STACK_TRACES_ON_LOG_FATAL", "true"))));
        assertEquals("SPIKE_SYSTEM_LOG_LEVEL: \"TRACE\" is not a log level (expected one of DEBUG, INFO, WARN, ERROR)",
                failure(() -> LoggingSettings.from(Env.of(Map.of("SPIKE_SYSTEM_LOG_LEVEL", "TRACE")))));
    }

    // ---- process switches ----

    @Test
    void processSwitchDefaults() {
        assertEquals(new ProcessSettings(true, false, false), ProcessSettings.from(NONE));
        assertEquals(new ProcessSettings(false, true, true), ProcessSettings.from(Env.of(Map.of(
                "SPIKE_BANNER_ENABLED", "false", "SPIKE_PILOT_SHOW_MEMORY_WARNING", "TRUE", "SPIKE_FIPS_MODE", "true"))));
        assertEquals("SPIKE_BANNER_ENABLED: \"no\" is not a boolean (expected true or false)",
                failure(() -> ProcessSettings.from(Env.of(Map.of("SPIKE_BANNER_ENABLED", "no")))));
        assertEquals("SPIKE_FIPS_MODE: \"1\" is not a boolean (expected true or false)",
                failure(() -> ProcessSettings.from(Env.of(Map.of("SPIKE_FIPS_MODE", "1")))));
    }

    // ---- Nexus API URL ----

    @Test
    void nexusApiUrlDefaultsAndMustBeHttps() {
        assertEquals(URI.create("https://localhost:8553"), NexusClientSettings.from(NONE).apiUrl());
        assertEquals(URI.create("https://nexus:443/api"),
                NexusClientSettings.from(Env.of(Map.of("SPIKE_NEXUS_API_URL", "https://nexus:443/api"))).apiUrl());
        assertEquals("SPIKE_NEXUS_API_URL: \"http://localhost:8553\" is not an https URL (expected https://host[:port][/path])",
                failure(() -> NexusClientSettings.from(Env.of(Map.of("SPIKE_NEXUS_API_URL", "http://localhost:8553")))));
    }

    // ---- listen addresses ----

    @Test
    void listenAddressDefaults() {
        assertEquals(new ListenAddress("", 8553), ListenSettings.nexus(NONE));
        assertEquals(new ListenAddress("", 8443), ListenSettings.keeper(NONE));
        assertEquals(new ListenAddress("127.0.0.1", 8543),
                ListenSettings.keeper(Env.of(Map.of("SPIKE_KEEPER_TLS_PORT", "127.0.0.1:8543"))));
        assertEquals("SPIKE_NEXUS_TLS_PORT: \"8553\" is not a listen address: missing port "
                        + "(expected [host]:port, e.g. \":8553\" or \"127.0.0.1:8553\")",
                failure(() -> ListenSettings.nexus(Env.of(Map.of("SPIKE_NEXUS_TLS_PORT", "8553")))));
    }
}
