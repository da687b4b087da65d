package ist.spike.nexus.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A prefix is used only where every match must start with it. */
class PathPrefixTest {
    @ParameterizedTest
    @CsvSource({"^tenants/demo/db/.*$, tenants/demo/db/", "^tenants/demo, tenants/demo", "^ab*c, a", "^ab+, a",
        "^abc?d, ab", "^ab{2}, a", "^spike/system/acl$, spike/system/acl", "^a(b), a", "^a[bc], a", "^a\\.b, a",
        "^a.b, a"})
    void literalStartOfAnchoredPatterns(String pattern, String prefix) {
        assertEquals(prefix, PathPrefix.of(pattern));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenants/demo", ".*", "^.*", "^a|b", "^a(b|c)", "^[a]b", "^a?b", "^(?i)abc", "^\\d", "^$",
        "^", "x^abc"})
    void noPrefixWhereAMatchCouldStartOtherwise(String pattern) {
        assertNull(PathPrefix.of(pattern));
    }
}
