package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alert rules of docs/monitoring/alerts.yml are valid and pass their promtool unit tests
 * (alerts-test.yml), every rule has a tested case where it fires, and the tests catch a broken rule or a
 * wrong expectation: each mutation below, one or more per rule, must make promtool fail.
 */
class AlertRulesTest {
    static final String RULES = "docs/monitoring/alerts.yml";
    static final String TESTS = "docs/monitoring/alerts-test.yml";

    @Test
    void theRulesAreValid() {
        Repo.Result result = Promtool.run("check", "rules", RULES);
        assertEquals(0, result.exitCode(), () -> "promtool check rules " + RULES + ":\n" + result);
    }

    @Test
    void theRulesPassTheirUnitTests() {
        Repo.Result result = Promtool.run("test", "rules", TESTS);
        assertEquals(0, result.exitCode(), () -> "promtool test rules " + TESTS + ":\n" + result);
    }

    @Test
    void everyRuleHasASeverityASummaryADescriptionAndATestWhereItFires() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode rules = yaml.readTree(Repo.path(RULES).toFile()).path("groups").path(0);
        assertEquals("spike", rules.path("name").asText());
        Set<String> firing = new HashSet<>();
        for (JsonNode test : yaml.readTree(Repo.path(TESTS).toFile()).path("tests")) {
            for (JsonNode ruleTest : test.path("alert_rule_test")) {
                if (!ruleTest.path("exp_alerts").isEmpty()) {
                    firing.add(ruleTest.path("alertname").asText());
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode rule : rules.path("rules")) {
            String name = rule.path("alert").asText();
            if (!List.of("critical", "warning").contains(rule.path("labels").path("severity").asText())) {
                problems.add(name + ": severity must be critical or warning");
            }
            for (String annotation : List.of("summary", "description")) {
                String text = rule.path("annotations").path(annotation).asText();
                if (text.isBlank()) {
                    problems.add(name + ": no " + annotation);
                }
                if (text.contains("spiffe://")) {
                    problems.add(name + ": a SPIFFE ID in its " + annotation);
                }
            }
            if (!firing.contains(name)) {
                problems.add(name + ": no test where it fires");
            }
        }
        assertTrue(rules.path("rules").size() >= 9, rules::toString);
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    /** A change to the rules or to the expectations that the unit tests must notice. */
    record Mutation(String alert, String file, String from, String to) {
        @Override
        public String toString() {
            return alert + " (" + file.substring(file.lastIndexOf('/') + 1) + ": " + from.strip().lines().findFirst().orElse("")
                    + " -> " + to.strip().lines().findFirst().orElse("") + ")";
        }
    }

    static Stream<Mutation> mutations() {
        return Stream.of(
                new Mutation("SpikeTargetDown", RULES, "up{job=~\"spike-nexus|spike-keeper\"} == 0", "up == 0"),
                new Mutation("SpikeNexusNotReady", RULES, "expr: spike_nexus_ready == 0\n        for: 5m",
                        "expr: spike_nexus_ready == 0\n        for: 2m"),
                // A fixed threshold instead of two of the configured sync intervals.
                new Mutation("SpikeKeeperWithoutShard", RULES,
                        "> on(instance, job) group_left()\n            2 * spike_nexus_keeper_sync_interval_seconds\n          )\n"
                                + "          and on(instance, job, keeper)\n          spike_nexus_keeper_holds_current_shard == 0",
                        "> 120\n          )\n"
                                + "          and on(instance, job, keeper)\n          spike_nexus_keeper_holds_current_shard == 0"),
                new Mutation("SpikeKeeperWithoutShard", TESTS, "keeper: \"2\"", "keeper: \"3\""),
                new Mutation("SpikeKeeperSyncStalled", RULES, "spike_nexus_keeper_holds_current_shard == 1",
                        "spike_nexus_keeper_holds_current_shard >= 0"),
                new Mutation("SpikeKeyRotationFailed", RULES, "[1h]", "[2h]"),
                new Mutation("SpikeKeyRotationOverdue", RULES, "spike_nexus_key_rotation_in_progress == 0",
                        "spike_nexus_key_rotation_in_progress >= 0"),
                new Mutation("SpikeKeyRotationOverdue", RULES, "> 3600", "> 3000"),
                new Mutation("SpikeNonceBudgetHigh", RULES, "ratio > 0.8", "ratio >= 0.8"),
                new Mutation("SpikeNonceBudgetHigh", TESTS, "85%", "84%"),
                new Mutation("SpikeNexusAuditWriteFailures", RULES, "increase(spike_nexus_audit_write_failures_total[5m])",
                        "increase(spike_nexus_audit_write_failures_total[15m])"),
                new Mutation("SpikeKeeperAuditWriteFailures", RULES, "increase(spike_keeper_audit_write_failures_total[5m])",
                        "spike_keeper_audit_write_failures_total"),
                new Mutation("SpikeBackupTooOld", RULES, "spike_nexus_backup_max_age_seconds", "3 * spike_nexus_backup_max_age_seconds"),
                // "Never verified" (0) must fire, not be taken for "no data".
                new Mutation("SpikeBackupTooOld", RULES, "time() - spike_nexus_backup_last_verified_timestamp_seconds",
                        "(time() - spike_nexus_backup_last_verified_timestamp_seconds"
                                + " and spike_nexus_backup_last_verified_timestamp_seconds > 0)"),
                new Mutation("SpikeRateLimitedCallers", RULES, "for: 15m", "for: 10m"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void theUnitTestsCatchTheMutation(Mutation mutation, @TempDir Path dir) throws IOException {
        for (String file : List.of(RULES, TESTS)) {
            String text = Repo.read(Repo.path(file));
            if (file.equals(mutation.file())) {
                int at = text.indexOf(mutation.from());
                assertTrue(at >= 0, () -> mutation.from() + " is not in " + file);
                assertEquals(-1, text.indexOf(mutation.from(), at + 1), () -> mutation.from() + " is in " + file + " twice");
                text = text.replace(mutation.from(), mutation.to());
            }
            Files.writeString(dir.resolve(Path.of(file).getFileName()), text);
        }
        // A rule file promtool cannot load fails too, but without naming an alert: the check below tells them apart.
        Repo.Result result = Promtool.run("test", "rules", dir.resolve("alerts-test.yml").toString());
        assertNotEquals(0, result.exitCode(), () -> "the unit tests passed despite " + mutation + ":\n" + result);
        String output = result.stdout() + result.stderr();
        assertTrue(output.contains("alertname: " + mutation.alert()), () -> "not caught in " + mutation.alert() + ":\n" + result);
    }
}
