package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SPIRE scripts in hack/spire, without SPIRE (it cannot be installed here): in dry-run mode they print
 * every spire-server, spire-agent and program command, and this test checks those commands. A second set
 * of tests puts a fake spire-server on PATH that answers "entry show" from a fixture, to check that the
 * Pilot role switch deletes exactly the entries the server reported and creates the new one.
 */
class SpireScriptsTest {
    private static final String JAVA = "/opt/test-jdk/bin/java";
    private static final String NEXUS_UID = "901";
    private static final List<String> KEEPER_UIDS = List.of("902", "904", "905");
    private static final String BOOTSTRAP_UID = "903";
    private static final String PILOT_UID = "1234";
    private static final String AGENT_ALIAS = "spiffe://spike.ist/spire-agent";

    @TempDir
    Path dir;

    /** The environment of a dry run: fixed accounts and java path, a private SPIRE directory. */
    private Map<String, String> dryRunEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("SPIKE_DRY_RUN", "1");
        env.put("SPIKE_SPIRE_DIR", dir.toString());
        env.put("SPIKE_SPIRE_JAVA", JAVA);
        env.put("SPIKE_SPIRE_NEXUS_USER", NEXUS_UID);
        for (int i = 1; i <= 3; i++) {
            env.put("SPIKE_SPIRE_KEEPER" + i + "_USER", KEEPER_UIDS.get(i - 1));
        }
        env.put("SPIKE_SPIRE_BOOTSTRAP_USER", BOOTSTRAP_UID);
        env.put("SPIKE_SPIRE_PILOT_USER", PILOT_UID);
        return env;
    }

    private static Repo.Result script(Map<String, String> env, String name, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", Repo.path("hack/spire/" + name).toString()));
        command.addAll(List.of(args));
        return Repo.run(env, Duration.ofSeconds(60), command);
    }

    /** The commands a dry run printed, split into words; printf %q backslash-escapes (a ',' here and there) undone. */
    private static List<List<String>> commands(Repo.Result result) {
        assertEquals(0, result.exitCode(), result::toString);
        List<List<String>> commands = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            if (line.startsWith("DRY-RUN: ")) {
                assertFalse(line.contains("\\ ") || line.contains("'"), () -> "unexpected quoting in " + line);
                commands.add(Arrays.stream(line.substring("DRY-RUN: ".length()).split(" "))
                        .map(w -> w.replaceAll("\\\\(.)", "$1")).toList());
            }
        }
        return commands;
    }

    private static List<List<String>> starting(List<List<String>> commands, String... prefix) {
        return commands.stream().filter(c -> c.size() >= prefix.length
                && c.subList(0, prefix.length).equals(List.of(prefix))).toList();
    }

    /** The value after {@code flag} (the first occurrence). */
    private static String flag(List<String> command, String flag) {
        int i = command.indexOf(flag);
        assertTrue(i >= 0 && i + 1 < command.size(), () -> flag + " missing in " + command);
        return command.get(i + 1);
    }

    private static List<String> selectors(List<String> command) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < command.size() - 1; i++) {
            if (command.get(i).equals("-selector")) {
                out.add(command.get(i + 1));
            }
        }
        return out;
    }

    private String serverSocket() {
        return dir.resolve("server/private/api.sock").toString();
    }

    private void assertEntryCreate(List<String> create, String spiffeId, String uid) {
        assertEquals(serverSocket(), flag(create, "-socketPath"));
        assertEquals(AGENT_ALIAS, flag(create, "-parentID"));
        assertEquals(spiffeId, flag(create, "-spiffeID"));
        assertEquals(List.of("unix:uid:" + uid, "unix:path:" + JAVA), selectors(create));
    }

    @Test
    void registersNexusAndEachKeeperUnderTheAgentAliasByAccountAndJvmPath() {
        List<List<String>> commands = commands(script(dryRunEnv(), "spire-server-entry-spike-register.sh"));
        List<List<String>> creates = starting(commands, "spire-server", "entry", "create");
        assertEquals(4, creates.size(), commands::toString);
        assertEntryCreate(creates.get(0), "spiffe://spike.ist/spike/nexus", NEXUS_UID);
        for (int i = 1; i <= 3; i++) {
            assertEntryCreate(creates.get(i), "spiffe://spike.ist/spike/keeper/" + i, KEEPER_UIDS.get(i - 1));
        }
        assertTrue(starting(commands, "spire-server", "entry", "delete").isEmpty());
    }

    @Test
    void registersBootstrap() {
        List<List<String>> commands = commands(script(dryRunEnv(), "spire-server-entry-bootstrap-register.sh"));
        List<List<String>> creates = starting(commands, "spire-server", "entry", "create");
        assertEquals(1, creates.size(), commands::toString);
        assertEntryCreate(creates.get(0), "spiffe://spike.ist/spike/bootstrap", BOOTSTRAP_UID);
    }

    @Test
    void theTrustDomainCanBeChosen() {
        Map<String, String> env = dryRunEnv();
        env.put("SPIKE_SPIRE_TRUST_DOMAIN", "example.org");
        List<List<String>> commands = commands(script(env, "spire-server-entry-spike-register.sh"));
        for (List<String> create : starting(commands, "spire-server", "entry", "create")) {
            assertEquals("spiffe://example.org/spire-agent", flag(create, "-parentID"));
            assertTrue(flag(create, "-spiffeID").startsWith("spiffe://example.org/spike/"), create::toString);
        }
        List<List<String>> token = starting(commands(script(env, "spire-agent-start.sh")), "spire-server", "token");
        assertEquals("spiffe://example.org/spire-agent", flag(token.get(0), "-spiffeID"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"su:superuser", "recover:recover", "restore:restore"})
    void aRoleSwitchDeletesTheOtherPilotRolesAndCreatesThisOne(String scriptAndRole) {
        String script = scriptAndRole.split(":")[0];
        String role = scriptAndRole.split(":")[1];
        List<List<String>> commands = commands(script(dryRunEnv(), "spire-server-entry-" + script + "-register.sh"));

        List<String> others = new ArrayList<>(List.of("superuser", "recover", "restore"));
        others.remove(role);
        List<List<String>> shows = starting(commands, "spire-server", "entry", "show");
        assertEquals(others.stream().map(r -> "spiffe://spike.ist/spike/pilot/role/" + r).toList(),
                shows.stream().map(s -> flag(s, "-spiffeID")).toList());
        for (List<String> show : shows) {
            assertEquals(AGENT_ALIAS, flag(show, "-parentID"));
            assertEquals(List.of("unix:uid:" + PILOT_UID, "unix:path:" + JAVA), selectors(show));
        }
        List<List<String>> deletes = starting(commands, "spire-server", "entry", "delete");
        assertEquals(others.stream().map(r -> "entry-id-of-" + r).toList(),
                deletes.stream().map(d -> flag(d, "-entryID")).toList());
        List<List<String>> creates = starting(commands, "spire-server", "entry", "create");
        assertEquals(1, creates.size(), commands::toString);
        assertEntryCreate(creates.get(0), "spiffe://spike.ist/spike/pilot/role/" + role, PILOT_UID);
        assertTrue(commands.indexOf(creates.get(0)) > commands.indexOf(deletes.get(deletes.size() - 1)),
                "the new role is created after the old ones are gone");
    }

    @Test
    void unregisterDeletesEveryPilotRole() {
        List<List<String>> commands = commands(script(dryRunEnv(), "spire-server-entry-pilot-unregister.sh"));
        assertEquals(List.of("entry-id-of-superuser", "entry-id-of-recover", "entry-id-of-restore"),
                starting(commands, "spire-server", "entry", "delete").stream().map(d -> flag(d, "-entryID")).toList());
        assertTrue(starting(commands, "spire-server", "entry", "create").isEmpty());
    }

    @Test
    void theSha256SelectorIsTheDigestOfTheJavaExecutable() throws Exception {
        Path java = dir.resolve("jdk/bin/java");
        Files.createDirectories(java.getParent());
        byte[] content = "not really a JVM launcher".getBytes(StandardCharsets.US_ASCII);
        Files.write(java, content);
        Map<String, String> env = dryRunEnv();
        env.put("SPIKE_SPIRE_JAVA", java.toString());
        env.put("SPIKE_SPIRE_SHA256_SELECTOR", "1");
        List<List<String>> creates = starting(commands(script(env, "spire-server-entry-spike-register.sh")),
                "spire-server", "entry", "create");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertEquals(List.of("unix:uid:" + NEXUS_UID, "unix:path:" + java.toRealPath(), "unix:sha256:" + digest),
                selectors(creates.get(0)));
    }

    @Test
    void programsSharingAnAccountAreRefused() {
        Map<String, String> env = dryRunEnv();
        env.put("SPIKE_SPIRE_KEEPER2_USER", NEXUS_UID);
        Repo.Result result = script(env, "spire-server-entry-spike-register.sh");
        assertNotEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("same uid " + NEXUS_UID), result::toString);
        assertFalse(result.stdout().contains("entry create"), result::toString);

        env = dryRunEnv();
        env.put("SPIKE_SPIRE_KEEPER3_USER", KEEPER_UIDS.get(0)); // two keepers, one ID: the binding means nothing
        result = script(env, "spire-server-entry-spike-register.sh");
        assertNotEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("same uid " + KEEPER_UIDS.get(0)), result::toString);

        env = dryRunEnv();
        env.put("SPIKE_SPIRE_PILOT_USER", NEXUS_UID);
        result = script(env, "spire-server-entry-spike-register.sh");
        assertNotEquals(0, result.exitCode(), result::toString);
    }

    @Test
    void serverStartRunsSpireServerWithTheRenderedConfig() {
        List<List<String>> commands = commands(script(dryRunEnv(), "spire-server-start.sh"));
        assertEquals(List.of("spire-server", "run", "-config", dir.resolve("server/server.conf").toString()),
                commands.get(0));
        assertEquals(List.of("spire-server", "healthcheck", "-socketPath", serverSocket()), commands.get(1));
    }

    @Test
    void agentStartUsesAJoinTokenFromTheServer() {
        List<List<String>> commands = commands(script(dryRunEnv(), "spire-agent-start.sh"));
        List<String> token = starting(commands, "spire-server", "token", "generate").get(0);
        assertEquals(serverSocket(), flag(token, "-socketPath"));
        assertEquals(AGENT_ALIAS, flag(token, "-spiffeID"));
        assertEquals(1, starting(commands, "spire-server", "bundle", "show").size(), commands::toString);
        List<String> agent = starting(commands, "spire-agent", "run").get(0);
        assertEquals(dir.resolve("agent/agent.conf").toString(), flag(agent, "-config"));
        assertEquals("DRY-RUN-JOIN-TOKEN", flag(agent, "-joinToken"));
        assertTrue(commands.indexOf(token) < commands.indexOf(agent));

        List<List<String>> given = commands(script(dryRunEnv(), "spire-agent-start.sh", "--join-token", "t-123"));
        assertTrue(starting(given, "spire-server", "token").isEmpty(), given::toString);
        assertEquals("t-123", flag(starting(given, "spire-agent", "run").get(0), "-joinToken"));
    }

    @Test
    void stackStartRunsSpireThenEntriesThenKeepersAndNexusUnderTheirAccounts() {
        List<List<String>> commands = commands(script(dryRunEnv(), "stack-start.sh", "--no-build"));
        List<String> order = commands.stream().map(c -> c.get(0).equals("setpriv")
                ? "setpriv " + c.get(c.size() - 1).replaceAll(".*/", "")
                : String.join(" ", c.subList(0, Math.min(3, c.size())))).toList();
        List<String> expected = List.of("spire-server run -config", "spire-server healthcheck -socketPath",
                "spire-server token generate", "spire-server bundle show", "spire-agent run -config",
                "spire-agent healthcheck -socketPath", "spire-server entry create", "spire-server entry create",
                "spire-server entry create", "spire-server entry create", "spire-server entry show", "spire-server entry delete", "spire-server entry show",
                "spire-server entry delete", "spire-server entry create", "setpriv keeper", "setpriv keeper",
                "setpriv keeper", "setpriv nexus");
        assertEquals(expected, order);

        List<List<String>> creates = starting(commands, "spire-server", "entry", "create");
        assertEntryCreate(creates.get(4), "spiffe://spike.ist/spike/pilot/role/superuser", PILOT_UID);
        List<List<String>> programs = starting(commands, "setpriv");
        String socket = "SPIFFE_ENDPOINT_SOCKET=unix://" + dir.resolve("agent/public/api.sock");
        for (int i = 1; i <= 3; i++) {
            List<String> program = programs.get(i - 1);
            assertTrue(program.contains("--reuid=" + KEEPER_UIDS.get(i - 1)), program::toString);
            assertTrue(program.contains("SPIKE_KEEPER_NEXUS_ID=spiffe://spike.ist/spike/nexus"), program::toString);
            assertTrue(program.contains(socket), program::toString);
            assertTrue(program.contains("JAVA_HOME=/opt/test-jdk"), program::toString);
        }
        List<String> nexus = programs.get(3);
        assertTrue(nexus.contains("--reuid=" + NEXUS_UID), nexus::toString);
        assertTrue(nexus.contains(socket), nexus::toString);
        assertTrue(nexus.contains(
                "SPIKE_NEXUS_KEEPER_PEERS=https://localhost:8443=spiffe://spike.ist/spike/keeper/1,"
                        + "https://localhost:8543=spiffe://spike.ist/spike/keeper/2,"
                        + "https://localhost:8643=spiffe://spike.ist/spike/keeper/3"),
                nexus::toString);
        assertTrue(nexus.contains("SPIKE_NEXUS_DATA_DIR=" + dir.resolve("nexus-data")), nexus::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spire-server-start.sh", "spire-agent-start.sh", "spire-server-entry-spike-register.sh",
            "spire-server-entry-bootstrap-register.sh", "spire-server-entry-su-register.sh",
            "spire-server-entry-recover-register.sh", "spire-server-entry-restore-register.sh",
            "spire-server-entry-pilot-unregister.sh", "spire-server-entry-show.sh", "stack-start.sh", "stack-stop.sh"})
    void everyScriptHasHelpAndRejectsUnknownArguments(String name) {
        Repo.Result help = script(Map.of(), name, "--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.stdout().startsWith("Usage: hack/spire/" + name), help::toString);
        assertTrue(help.stdout().contains("--dry-run"), help::toString);

        Repo.Result bad = script(Map.of(), name, "--no-such-option");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("unknown argument: --no-such-option"), bad::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spire-server-start.sh", "spire-agent-start.sh", "spire-server-entry-spike-register.sh",
            "spire-server-entry-su-register.sh", "stack-start.sh"})
    void withoutSpireOnPathTheScriptsSayWhatToInstall(String name) {
        assumeFalse(Repo.onPath("spire-server") || Repo.onPath("spire-agent"), "SPIRE is installed here");
        Map<String, String> env = dryRunEnv();
        env.put("SPIKE_DRY_RUN", "0");
        Repo.Result result = script(env, name);
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("not found on PATH"), result::toString);
        assertTrue(result.stderr().contains("spire-server and spire-agent"), result::toString);
        assertTrue(result.stderr().contains("--dry-run"), result::toString);
    }

    // --- against a fake spire-server -------------------------------------------------------------------

    /** A spire-server that logs its arguments and answers "entry show" per SPIFFE ID from {@code entries}. */
    private Map<String, String> fakeServerEnv(Map<String, List<String>> entries) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("fake-bin"));
        StringBuilder cases = new StringBuilder();
        entries.forEach((role, ids) -> {
            cases.append("    */role/").append(role).append(") printf 'Found %d entries\\n' ").append(ids.size());
            for (String id : ids) {
                cases.append("; printf 'Entry ID         : %s\\nSPIFFE ID        : %s\\n' ").append(id).append(" \"$id\"");
            }
            cases.append(" ;;\n");
        });
        String fake = """
                #!/usr/bin/env bash
                echo "$*" >>"$FAKE_SPIRE_LOG"
                if [[ "$1 $2" == "entry show" ]]; then
                  id=""
                  while [[ $# -gt 0 ]]; do [[ "$1" == -spiffeID ]] && id="$2"; shift; done
                  case "$id" in
                %s    *) echo "Found 0 entries" ;;
                  esac
                fi
                """.formatted(cases);
        Path server = bin.resolve("spire-server");
        Files.writeString(server, fake);
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "");

        Map<String, String> env = dryRunEnv();
        env.remove("SPIKE_DRY_RUN");
        env.put("SPIKE_SPIRE_JAVA", java.toString());
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        env.put("FAKE_SPIRE_LOG", dir.resolve("spire-server.log").toString());
        return env;
    }

    private List<String> fakeServerCalls() throws IOException {
        return Arrays.stream(Files.readString(dir.resolve("spire-server.log")).split("\n"))
                .filter(l -> !l.isBlank()).toList();
    }

    @Test
    void roleSwitchDeletesTheEntriesTheServerReports() throws Exception {
        Map<String, String> env = fakeServerEnv(Map.of("superuser", List.of("su-1"),
                "restore", List.of("restore-a", "restore-b")));
        Repo.Result result = script(env, "spire-server-entry-recover-register.sh");
        assertEquals(0, result.exitCode(), result::toString);

        List<String> calls = fakeServerCalls();
        String socket = "-socketPath " + serverSocket();
        assertEquals(List.of("entry delete " + socket + " -entryID su-1", "entry delete " + socket + " -entryID restore-a",
                "entry delete " + socket + " -entryID restore-b"),
                calls.stream().filter(c -> c.startsWith("entry delete")).toList());
        List<String> creates = calls.stream().filter(c -> c.startsWith("entry create")).toList();
        assertEquals(1, creates.size(), calls::toString);
        assertTrue(creates.get(0).contains("-spiffeID spiffe://spike.ist/spike/pilot/role/recover"), creates::toString);
        assertTrue(creates.get(0).contains("-selector unix:uid:" + PILOT_UID), creates::toString);
        assertTrue(result.stdout().contains("deleted entry su-1"), result::toString);
    }

    @Test
    void switchingToTheRoleAlreadyHeldCreatesNothing() throws Exception {
        Map<String, String> env = fakeServerEnv(Map.of("superuser", List.of("su-1")));
        Repo.Result result = script(env, "spire-server-entry-su-register.sh");
        assertEquals(0, result.exitCode(), result::toString);
        List<String> calls = fakeServerCalls();
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("entry create") || c.startsWith("entry delete")),
                calls::toString);
        assertTrue(result.stdout().contains("exists already (su-1)"), result::toString);
    }
}
