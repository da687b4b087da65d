package ist.spike.nexus.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays answers recorded from Go's regexp (policy/go-regexp-parity.json, recorded by
 * nexus/src/test/go/regexp-parity): for each pattern, whether Go compiles it, and for each input what
 * upstream's check ({@code MatchString}) and its full-match form {@code ^(?:pattern)$} answer. Nexus
 * must agree on every one.
 */
class GoRegexpParityTest {
    record Corpus(String recorded, List<Case> cases) {}

    record Case(String pattern, List<String> inputs, boolean valid, String error, List<Boolean> find,
            List<Boolean> whole) {
        @Override
        public String toString() {
            return pattern;
        }
    }

    static Corpus corpus() throws IOException {
        try (InputStream in = GoRegexpParityTest.class.getResourceAsStream("/policy/go-regexp-parity.json")) {
            return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(in, Corpus.class);
        }
    }

    static Stream<Case> cases() throws IOException {
        return corpus().cases().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void nexusAnswersAsGoDoes(Case c) {
        PolicyRegex regex;
        try {
            regex = PolicyRegex.compile(c.pattern(), "path pattern");
        } catch (InvalidPolicyException e) {
            assertFalse(c.valid(), () -> "Go accepts it, Nexus refused it: " + e.getMessage());
            return;
        }
        if (!c.valid()) {
            fail("Go refuses it (" + c.error() + "), Nexus accepted it");
        }
        for (int i = 0; i < c.inputs().size(); i++) {
            String input = c.inputs().get(i);
            assertEquals(c.find().get(i), regex.find(input), "MatchString on '" + input + "'");
            assertEquals(c.whole().get(i), regex.matchesWhole(input), "the full-match form on '" + input + "'");
        }
    }

    @Test
    void theCorpusCoversBothOutcomes() throws IOException {
        Corpus corpus = corpus();
        assertTrue(corpus.recorded().startsWith("go"), corpus.recorded());
        assertTrue(corpus.cases().stream().filter(Case::valid).count() > 100);
        assertTrue(corpus.cases().stream().filter(c -> !c.valid()).count() > 40);
        assertTrue(corpus.cases().stream().filter(Case::valid).flatMap(c -> c.find().stream()).anyMatch(b -> b));
        assertTrue(corpus.cases().stream().filter(Case::valid).flatMap(c -> c.whole().stream()).anyMatch(b -> !b));
    }

    /**
     * Where Nexus knowingly differs from Go (docs/policies-and-cipher.md): each of these Go accepts and
     * Nexus refuses, so a policy is refused (400), never read another way.
     */
    @Test
    void knownDifferencesRefuseRatherThanReadDifferently() {
        List<String> refused = List.of(
                "(?P<n>a)(?P<n>b)", // duplicate group names: RE2/J follows C++ RE2
                "\\p{Letter}", "\\p{greek}", "\\p{ASCII}", // newer Go's long and case-insensitive class names
                "[a-z]{1000}".repeat(11), // a program over Nexus's size limit
                "a".repeat(PolicyRegex.MAX_LENGTH + 1)); // a pattern over Nexus's length limit
        for (String pattern : refused) {
            assertThrows(InvalidPolicyException.class, () -> PolicyRegex.compile(pattern, "path pattern"), pattern);
        }
    }
}
