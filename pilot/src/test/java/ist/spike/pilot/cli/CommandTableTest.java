package ist.spike.pilot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.pilot.cli.CommandTable.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTableTest {
    /** Command lines and what they are; the launcher's generated rules must say the same. */
    private static final Map<String, Kind> CASES = cases();

    private static Map<String, Kind> cases() {
        Map<String, Kind> cases = new LinkedHashMap<>();
        for (String line : List.of("secret get a/b", "secret get -f json a/b", "secret list", "secret put a k=v",
                "secret put a k=a@b", "secret delete a -v 1", "secret undelete a", "secret metadata get a",
                "policy list", "policy get p", "policy create --name p", "secret get", "secret get a --version 2")) {
            cases.put(line, Kind.SERVED);
        }
        for (String line : List.of("secret put a k=@file.pem", "secret put a k=- j=v", "policy delete p --yes",
                "policy apply --file p.yaml", "cipher encrypt", "cipher decrypt", "operator recover",
                "operator restore", "operator backup -o f", "operator backup verify f", "operator keys",
                "operator keys -f json", "operator rotate", "operator rotate --wait", "operator rekey", "recover",
                "restore", "status", "status -f json")) {
            cases.put(line, Kind.NEXUS);
        }
        for (String line : List.of("helper start", "helper stop", "helper status")) {
            cases.put(line, Kind.LOCAL);
        }
        for (String line : List.of("secret get --help a", "secret put -h", "help secret", "-V", "secret",
                "secret metadata", "nosuch command", "", "helper", "operator backup --help",
                "operator rotate --wait -h", "operator", "status --help")) {
            cases.put(line, Kind.HELP);
        }
        return cases;
    }

    private static List<String> words(String line) {
        return line.isEmpty() ? List.of() : List.of(line.split(" "));
    }

    @Test
    void eachCommandLineHasItsKind() {
        CASES.forEach((line, kind) -> assertEquals(kind, CommandTable.kind(words(line)), line));
    }

    @Test
    void onlyServedCommandsGoToAHelperAndOnlyNexusCommandsPrepareAClient() {
        CASES.forEach((line, kind) -> {
            assertEquals(kind == Kind.SERVED, CommandTable.helperServes(words(line)), line);
            assertEquals(kind == Kind.SERVED || kind == Kind.NEXUS, CommandTable.talksToNexus(words(line)), line);
        });
    }

    @Test
    void theLaunchersGeneratedRulesAgreeWithJava(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("spike-commands.sh");
        LauncherRules.main(new String[] {rules.toString()});
        StringBuilder script = new StringBuilder(". '" + rules + "'\n");
        List<String> lines = new ArrayList<>(CASES.keySet());
        for (String line : lines) {
            script.append("spike_command_kind ").append(line).append("; echo \"$kind\"\n");
        }
        List<String> answers = bash(dir, script.toString());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(CASES.get(lines.get(i)).name().toLowerCase(), answers.get(i), lines.get(i));
        }
    }

    private static List<String> bash(Path dir, String script) throws IOException, InterruptedException {
        Path file = dir.resolve("run.sh");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), out);
        return List.of(out.split("\n"));
    }
}
