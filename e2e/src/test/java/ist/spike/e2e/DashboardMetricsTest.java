package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import ist.spike.common.spiffe.IdentitySource;
import ist.spike.common.spiffe.IdentitySources;
import ist.spike.common.spiffe.Role;
import ist.spike.common.spiffe.Roles;
import ist.spike.common.tls.MtlsClient;
import ist.spike.common.tls.MtlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Grafana dashboard and the alert rules of docs/monitoring read is served by a live Nexus
 * (or keeper, for {@code spike_keeper_*}): the test starts real processes with their health listeners on,
 * makes the requests that create the labelled series, scrapes {@code /metrics} and looks for each name.
 */
class DashboardMetricsTest {
    static final String DASHBOARD = "docs/monitoring/grafana-dashboard.json";
    private static final Set<String> SCRAPER_METRICS = Set.of("up");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)");

    @Test
    void theExtractorFindsTheMetricsOfAnExpression() {
        assertEquals(Set.of("spike_nexus_request_duration_seconds_bucket"), PromQlMetricNames.of(
                "histogram_quantile(0.99, sum by (le, route) (rate(spike_nexus_request_duration_seconds_bucket"
                        + "{instance=~\"$instance\", route!=\"a_b{c}\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_seconds", "b_total", "c"), PromQlMetricNames.of(
                "time() - a_seconds offset 5m > on(instance, job) group_left() 2.5e3 * b_total"
                        + " and on(instance) c == bool 0 unless ignoring(keeper) sum without (x) (c)"));
    }

    @Test
    void theDashboardIsImportableAndEveryPanelQueriesPrometheus() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Repo.path(DASHBOARD).toFile());
        assertTrue(dashboard.path("schemaVersion").asInt() >= 39, "schemaVersion");
        assertEquals("DS_PROMETHEUS", dashboard.path("__inputs").path(0).path("name").asText());
        List<String> problems = new ArrayList<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels(dashboard)) {
            String title = panel.path("title").asText();
            if (!ids.add(panel.path("id").asInt())) {
                problems.add(title + ": id " + panel.path("id") + " used twice");
            }
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            if (!panel.path("datasource").path("uid").asText().equals("${DS_PROMETHEUS}")) {
                problems.add(title + ": datasource is not ${DS_PROMETHEUS}");
            }
            if (panel.path("targets").isEmpty()) {
                problems.add(title + ": no query");
            }
            for (JsonNode target : panel.path("targets")) {
                if (PromQlMetricNames.of(target.path("expr").asText()).isEmpty()) {
                    problems.add(title + ": a query that reads no metric: " + target.path("expr"));
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void everySpikeMetricTheDashboardAndTheAlertsReadIsInTheCatalog() throws IOException {
        String catalog = Repo.read(Repo.path("docs/monitoring/metrics.md"));
        Set<String> read = new TreeSet<>(dashboardMetrics());
        read.addAll(alertMetrics());
        List<String> missing = new ArrayList<>();
        for (String name : read) {
            String family = name.replaceFirst("_(bucket|count|sum)$", "");
            if (name.startsWith("spike_") && !catalog.contains("`" + name + "`") && !catalog.contains("`" + family + "`")) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), () -> "not in docs/monitoring/metrics.md: " + missing);
    }

    @Test
    void everyMetricTheDashboardAndTheAlertsReadIsServed() throws Exception {
        Set<String> wanted = new TreeSet<>(dashboardMetrics());
        wanted.addAll(alertMetrics());
        wanted.removeAll(SCRAPER_METRICS);

        int nexusHealth = Processes.freePort();
        int keeperHealth = Processes.freePort();
        try (LocalStack stack = new LocalStack(3)) {
            stack.nexusEnv("SPIKE_NEXUS_HEALTH_ADDRESS", "127.0.0.1:" + nexusHealth);
            stack.nexusEnv("SPIKE_NEXUS_MAX_REQUEST_BODY_BYTES", "1024");
            stack.keeperEnv(1, "SPIKE_KEEPER_HEALTH_ADDRESS", "127.0.0.1:" + keeperHealth);
            // A first boot waits for every keeper; then keeper 3 goes, so Nexus's pushes to slot 3 fail.
            stack.startIdentity().startKeepers();
            stack.startNexus();
            stack.awaitNexusReady(LocalStack.READY_LIMIT);
            stack.kill9("keeper-3");
            makeTheLabelledSeries(stack);

            String nexus = scrape(nexusHealth);
            String keeper = scrape(keeperHealth);
            List<String> missing = new ArrayList<>();
            for (String name : wanted) {
                boolean fromKeeper = name.startsWith("spike_keeper_");
                if (!served(fromKeeper ? keeper : nexus, name)) {
                    missing.add(name + (fromKeeper ? " (keeper)" : " (Nexus)"));
                }
            }
            assertTrue(missing.isEmpty(), () -> "read by the dashboard or the alerts but not served:\n  "
                    + String.join("\n  ", missing) + "\n--- Nexus /metrics names\n" + names(nexus)
                    + "\n--- keeper /metrics names\n" + names(keeper));
        }
    }

    /** Requests through the API (a write, a read, a body over the limit) and a request a keeper refuses. */
    private static void makeTheLabelledSeries(LocalStack stack) throws Exception {
        Processes.Result put = stack.spike("superuser", "secret", "put", "monitoring/probe", "k=v");
        assertEquals(0, put.exitCode(), put::toString);
        Processes.Result get = stack.spike("superuser", "secret", "get", "monitoring/probe");
        assertEquals(0, get.exitCode(), get::toString);
        try (IdentitySource superuser = IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("superuser")));
                MtlsClient toNexus = MtlsClient.create(MtlsContexts.client(superuser, Roles.defaults().predicate(Role.NEXUS)));
                IdentitySource nexus = IdentitySources.open(Map.of("SPIFFE_ENDPOINT_SOCKET", stack.socket("nexus")));
                MtlsClient toKeeper = MtlsClient.create(MtlsContexts.client(nexus, Roles.defaults().predicate(Role.KEEPER)))) {
            byte[] tooLarge = ("{\"path\":\"monitoring/big\",\"values\":{\"k\":\"" + "A".repeat(4096) + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            int status = toNexus.post(URI.create("https://localhost:" + stack.nexusPort + "/v1/store/secrets"),
                    "application/json", tooLarge).status();
            assertEquals(400, status, "a body over SPIKE_NEXUS_MAX_REQUEST_BODY_BYTES");
            status = toKeeper.post(URI.create("https://localhost:" + stack.keeperPorts[0] + "/v1/store/contribute"),
                    "application/json", "not json".getBytes(StandardCharsets.UTF_8)).status();
            assertEquals(400, status, "a contribution that is not JSON");
        }
    }

    static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Repo.path(DASHBOARD).toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : panels(dashboard)) {
            for (JsonNode target : panel.path("targets")) {
                names.addAll(PromQlMetricNames.of(target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        assertFalse(names.isEmpty());
        return names;
    }

    static Set<String> alertMetrics() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Repo.path(AlertRulesTest.RULES).toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                names.addAll(PromQlMetricNames.of(rule.path("expr").asText()));
            }
        }
        assertFalse(names.isEmpty());
        return names;
    }

    /** Every panel, rows' nested panels included. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    /**
     * Whether the exposition has the name as a family ({@code # TYPE name}) or a sample; a histogram's or
     * summary's {@code _bucket}, {@code _count} and {@code _sum} series also count when their family is there.
     */
    static boolean served(String exposition, String name) {
        for (String line : exposition.lines().toList()) {
            if (line.startsWith("# TYPE " + name + " ") || line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return true;
            }
        }
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (name.endsWith(suffix)) {
                String family = name.substring(0, name.length() - suffix.length());
                return exposition.lines().anyMatch(l -> l.equals("# TYPE " + family + " histogram")
                        || (!suffix.equals("_bucket") && l.equals("# TYPE " + family + " summary")));
            }
        }
        return false;
    }

    private static String scrape(int port) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), () -> "/metrics on " + port + ": " + r.body());
            return r.body();
        }
    }

    private static String names(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(l -> l.startsWith("# TYPE ")).forEach(l -> names.add(l.substring(7)));
        return String.join("\n", names);
    }
}
