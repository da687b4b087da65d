package ist.spike.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Arrows point one way: no Java package of the project's main code depends, through others, on itself. */
class PackageCyclesTest {
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** A reference to a class of the project: its package, then a capitalised simple name. */
    private static final Pattern REFERENCE = Pattern.compile("\\b(ist\\.spike(?:\\.[a-z]\\w*)*)\\.[A-Z]\\w*");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> uses = dependencies();
        assertTrue(uses.size() > 30, "read the packages: " + uses.keySet());
        List<String> cycles = new ArrayList<>();
        uses.forEach((from, targets) -> targets.forEach(to -> {
            if (reachable(uses, to).contains(from)) {
                cycles.add(from + " -> " + to + " -> ... -> " + from);
            }
        }));
        assertEquals(List.of(), cycles);
    }

    @Test
    void referencesInCommentsAndStringsDoNotCount() {
        String code = codeOnly("import a.B; // ist.spike.x.Y\n/* ist.spike.z.W */ String s = \"ist.spike.q.R \\\" x\";"
                + " char c = '\"'; ist.spike.k.L l;");
        assertEquals("import a.B; \n String s = \"\"; char c = ''; ist.spike.k.L l;", code);
        Map<String, Set<String>> uses = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")));
        assertTrue(reachable(uses, "b").contains("a"), "a planted cycle is seen");
    }

    /** Package to the packages it refers to, from every main source file (comments and strings left out). */
    private static Map<String, Set<String>> dependencies() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path module : Repo.modulesWithMainCode()) {
            for (Path file : Repo.files(module.resolve("src/main/java"))) {
                if (!file.toString().endsWith(".java")) {
                    continue;
                }
                String code = codeOnly(Repo.read(file));
                Matcher pkg = PACKAGE.matcher(code);
                if (!pkg.find()) {
                    continue;
                }
                Set<String> targets = uses.computeIfAbsent(pkg.group(1), p -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(code);
                while (reference.find()) {
                    if (!reference.group(1).equals(pkg.group(1))) {
                        targets.add(reference.group(1));
                    }
                }
            }
        }
        return uses;
    }

    /** The source without comments, string and character literals (a reference there is no dependency). */
    static String codeOnly(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (c == '"' || c == '\'') {
                boolean block = source.startsWith("\"\"\"", i);
                String close = block ? "\"\"\"" : String.valueOf(c);
                i += close.length();
                while (i < source.length() && !source.startsWith(close, i)) {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i += close.length();
                code.append(c).append(c);
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    private static Set<String> reachable(Map<String, Set<String>> uses, String start) {
        Set<String> seen = new TreeSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            for (String next : uses.getOrDefault(todo.pop(), Set.of())) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        return seen;
    }
}
