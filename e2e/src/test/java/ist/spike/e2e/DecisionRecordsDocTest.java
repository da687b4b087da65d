package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The decision records in docs/adr, and what code and docs may cite:
 * <ul>
 *   <li>every record {@code NNNN-title.md} has a row in docs/adr/README.md with the title it bears, and
 *       the shape of one (title line, status, context, decision, consequences);
 *   <li>no source file, script or doc cites a file a user's clone does not have (the project's private
 *       design notes and upstream contract, by name or by section sign); they cite docs/ or an ADR.
 * </ul>
 */
class DecisionRecordsDocTest {
    private static final Pattern RECORD_FILE = Pattern.compile("(\\d{4})-[a-z0-9-]+\\.md");
    private static final Pattern TITLE = Pattern.compile("\\A# ADR-(\\d{4}): (.+)\\n");
    private static final Pattern INDEX_ROW = Pattern.compile("(?m)^\\| \\[(\\d{4})\\]\\(([^)]+)\\) \\| (.+?) \\| (.+?) \\|$");

    /** Written in pieces so that this file does not cite them itself. */
    private static final List<String> FORBIDDEN = List.of(
            "design" + ".md", "stack" + "-notes", "stack" + " notes", "upstream" + "-contract", "../" + "shared",
            "spec " + "\u00A7", "contract " + "\u00A7", "\u00A7");

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "dist", ".git", ".stack", ".mvn",
            "node_modules");
    private static final Set<String> TEXT_SUFFIXES = Set.of(".java", ".sh", ".xml", ".md", ".yml", ".yaml",
            ".properties", ".txt", ".go", ".json", ".conf");

    private static Path adrDirectory() {
        return Repo.path("docs/adr");
    }

    @Test
    void everyRecordIsIndexedUnderItsTitle() {
        String index = Repo.read(adrDirectory().resolve("README.md"));
        List<String> problems = new ArrayList<>();
        List<Path> records = Repo.files(adrDirectory()).stream()
                .filter(f -> RECORD_FILE.matcher(f.getFileName().toString()).matches()).toList();
        assertFalse(records.isEmpty(), "no decision records found in " + adrDirectory());
        for (Path record : records) {
            String name = record.getFileName().toString();
            String number = name.substring(0, 4);
            String text = Repo.read(record);
            Matcher title = TITLE.matcher(text);
            if (!title.find() || !title.group(1).equals(number)) {
                problems.add(name + ": the first line must be '# ADR-" + number + ": Title'");
                continue;
            }
            for (String part : List.of("\n- Status: ", "\n## Context\n", "\n## Decision\n", "\n## Consequences\n")) {
                if (!text.contains(part)) {
                    problems.add(name + ": missing '" + part.strip() + "'");
                }
            }
            String row = indexRow(index, number);
            String expected = "| [" + number + "](" + name + ") | " + title.group(2).strip() + " |";
            if (row == null || !row.startsWith(expected)) {
                problems.add(name + ": docs/adr/README.md needs the row " + expected + " Status |, found " + row);
            }
        }
        assertEquals(List.of(), problems);
    }

    private static String indexRow(String index, String number) {
        Matcher row = INDEX_ROW.matcher(index);
        while (row.find()) {
            if (row.group(1).equals(number)) {
                return row.group();
            }
        }
        return null;
    }

    @Test
    void nothingCitesFilesAUsersCloneLacks() {
        List<String> found = new ArrayList<>();
        Path self = Repo.path("e2e/src/test/java/ist/spike/e2e/DecisionRecordsDocTest.java");
        for (Path file : textFiles()) {
            if (file.equals(self)) {
                continue;
            }
            String[] lines = Repo.read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String citation : FORBIDDEN) {
                    if (lines[i].contains(citation)) {
                        found.add(Repo.root().relativize(file) + ":" + (i + 1) + ": " + lines[i].strip());
                        break;
                    }
                }
            }
        }
        assertEquals(List.of(), found, "cite a page in docs/ or an ADR (docs/adr) instead");
    }

    @Test
    void theScanReachesSourcesScriptsAndDocs() {
        List<Path> files = textFiles();
        for (String expected : List.of("README.md", "docs/architecture.md", "hack/stack-start.sh",
                "distribution/src/bin/spike", "nexus/src/main/java/ist/spike/nexus/NexusMain.java",
                "common/crypto/src/test/java/ist/spike/common/shamir/ShamirPropertyTest.java")) {
            assertFalse(files.stream().noneMatch(f -> f.equals(Repo.path(expected))), expected + " is not scanned");
        }
    }

    /** The repository's text files: sources, resources, scripts (launchers too), docs; no build output. */
    private static List<Path> textFiles() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Repo.root())) {
            walk.filter(Files::isRegularFile)
                    .filter(f -> {
                        for (Path part : Repo.root().relativize(f)) {
                            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(DecisionRecordsDocTest::isText)
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            return TEXT_SUFFIXES.contains(name.substring(dot));
        }
        return Repo.isShellScript(file);
    }
}
