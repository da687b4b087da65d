package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against the code, both ways, so neither can drift:
 * <ul>
 *   <li>every environment variable the programs read is documented there (in backticks): names in string
 *       literals of every module's main Java sources, names in main resources (logback's
 *       {@code ${SPIKE_...}}), and names the launchers and hack/ scripts read with a default
 *       ({@code ${SPIKE_...:-...}});
 *   <li>every variable named there appears somewhere in that code or those scripts.
 * </ul>
 */
class ConfigurationDocTest {
    private static final Pattern NAME = Pattern.compile("SPIFFE_ENDPOINT_SOCKET|SPIKE_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern BACKTICKED = Pattern.compile("`(SPIFFE_ENDPOINT_SOCKET|SPIKE_[A-Z0-9_]*[A-Z0-9])`");
    /** A shell parameter expansion with a default, i.e. a variable a script takes from its environment. */
    private static final Pattern SHELL_READ = Pattern.compile("\\$\\{(SPIKE_[A-Z0-9_]*[A-Z0-9]):?[-=+?]");

    private static Path doc() {
        return Repo.path("docs/configuration.md");
    }

    /** Variable name to the first place it was found. */
    private static TreeMap<String, String> readByCode() {
        TreeMap<String, String> found = new TreeMap<>();
        for (Path module : Repo.modulesWithMainCode()) {
            for (Path file : Repo.files(module.resolve("src/main/java"))) {
                if (file.toString().endsWith(".java")) {
                    for (String literal : JavaLiterals.of(Repo.read(file))) {
                        names(literal).forEach(n -> found.putIfAbsent(n, where(file)));
                    }
                }
            }
            for (Path file : Repo.files(module.resolve("src/main/resources"))) {
                names(Repo.read(file)).forEach(n -> found.putIfAbsent(n, where(file)));
            }
        }
        for (Path script : scripts()) {
            Matcher m = SHELL_READ.matcher(Repo.read(script));
            while (m.find()) {
                found.putIfAbsent(m.group(1), where(script));
            }
        }
        return found;
    }

    private static List<Path> scripts() {
        List<Path> scripts = new ArrayList<>(Repo.files(Repo.path("distribution/src/bin")));
        scripts.addAll(Repo.files(Repo.path("hack")));
        return scripts.stream().filter(Repo::isShellScript).toList();
    }

    /** Every name mentioned anywhere in main code, resources and scripts (comments included). */
    private static Set<String> mentionedInCode() {
        Set<String> mentioned = new TreeSet<>();
        for (Path module : Repo.modulesWithMainCode()) {
            for (Path file : Repo.files(module.resolve("src/main"))) {
                mentioned.addAll(names(Repo.read(file)));
            }
        }
        for (Path script : scripts()) {
            mentioned.addAll(names(Repo.read(script)));
        }
        return mentioned;
    }

    private static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    private static String where(Path file) {
        return Repo.root().relativize(file).toString();
    }

    @Test
    void theScanFindsTheVariablesItMust() {
        TreeMap<String, String> read = readByCode();
        for (String expected : List.of("SPIFFE_ENDPOINT_SOCKET", "SPIKE_NEXUS_KEEPER_PEERS", "SPIKE_SVID_DIR",
                "SPIKE_AUDIT_LOG_LEVEL", "SPIKE_JAVA_OPTS", "SPIKE_DRY_RUN", "SPIKE_SPIRE_TRUST_DOMAIN")) {
            assertTrue(read.containsKey(expected), () -> expected + " not found; the scan found " + read.keySet());
        }
    }

    @Test
    void everyVariableTheCodeReadsIsDocumented() {
        Set<String> documented = new TreeSet<>();
        Matcher m = BACKTICKED.matcher(Repo.read(doc()));
        while (m.find()) {
            documented.add(m.group(1));
        }
        List<String> missing = new ArrayList<>();
        readByCode().forEach((name, file) -> {
            if (!documented.contains(name)) {
                missing.add(name + " (read in " + file + ")");
            }
        });
        assertEquals(List.of(), missing, "document these in docs/configuration.md, as `NAME`");
    }

    @Test
    void everyDocumentedVariableExistsInTheCode() {
        Set<String> inCode = mentionedInCode();
        List<String> stale = names(Repo.read(doc())).stream().filter(n -> !inCode.contains(n)).toList();
        assertEquals(List.of(), stale, "docs/configuration.md names variables no code or script reads");
    }

    /** The contents of Java string literals and text blocks, comments and char literals skipped. */
    static final class JavaLiterals {
        private JavaLiterals() {}

        static List<String> of(String source) {
            List<String> literals = new ArrayList<>();
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                    i = lineEnd(source, i);
                } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                    int end = source.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 2;
                } else if (source.startsWith("\"\"\"", i)) {
                    int end = source.indexOf("\"\"\"", i + 3);
                    while (end > 0 && source.charAt(end - 1) == '\\') {
                        end = source.indexOf("\"\"\"", end + 1);
                    }
                    end = end < 0 ? n : end;
                    literals.add(source.substring(i + 3, end));
                    i = end + 3;
                } else if (c == '"' || c == '\'') {
                    int j = i + 1;
                    StringBuilder text = new StringBuilder();
                    while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                        if (source.charAt(j) == '\\' && j + 1 < n) {
                            text.append(source.charAt(j + 1));
                            j += 2;
                        } else {
                            text.append(source.charAt(j++));
                        }
                    }
                    if (c == '"') {
                        literals.add(text.toString());
                    }
                    i = j + 1;
                } else {
                    i++;
                }
            }
            return literals;
        }

        private static int lineEnd(String source, int from) {
            int end = source.indexOf('\n', from);
            return end < 0 ? source.length() : end + 1;
        }
    }
}
