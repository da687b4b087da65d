package ist.spike.nexus.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.validate.PatternAnchoring;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The anchoring rule against the real matcher: every pattern it reports really matches a text it was not
 * meant for (so the warning is not noise), and every pattern it accepts does not match those texts.
 */
class PatternAnchoringTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            // pattern                                      a caller it was not meant for
            "spiffe://spike.ist/workload/app => spiffe://spike.ist/workload/app-evil",
            "spiffe://spike\\.ist/workload/app$ => spiffe://evil.example/spiffe://spike.ist/workload/app",
            "^spiffe://spike.ist/workload/app$ => spiffe://spikeXist/workload/app",
            "^spiffe://spike\\.ist/workload/app => spiffe://spike.ist/workload/app-evil",
            "^spiffe://spike\\.ist/workload/app/? => spiffe://spike.ist/workload/app-evil",
            "^spiffe://spike\\.ist.*/app$ => spiffe://spike.ist.evil.example/app",
            "^spiffe://spike\\.ist/?app$ => spiffe://spike.istapp",
            "^spiffe://spike\\.ist/app\\$ => spiffe://spike.ist/app$-evil",
            "^spiffe://spike\\.ist/(?m)app$ => spiffe://spike.ist/app\\nx",
    })
    void reportedSpiffeIdPatternsReallyReachFurther(String pattern, String unintended) throws Exception {
        Optional<String> risk = PatternAnchoring.spiffeIdPatternRisk(pattern);
        assertTrue(risk.isPresent(), pattern);
        // A CSV row cannot hold a line break: backslash-n stands for one.
        String text = unintended.replace("\\n", "\n");
        assertTrue(PolicyRegex.compile(pattern, "p").find(text), pattern + " vs " + unintended);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "^spiffe://spike\\.ist/workload/app$ => spiffe://spike.ist/workload/app-evil",
            "^spiffe://spike\\.ist/workload/app/ => spiffe://spike.ist/workload/app-evil/x",
            "^spiffe://spike\\.ist/workload/(a|b)$ => spiffe://spike.ist/workload/ab",
            "^spiffe://spike\\.ist/ => spiffe://spike.ist.evil/x",
            "^spiffe://spike\\.ist/.*$ => spiffe://spikeXist/a",
            "^spiffe://spike-1_x\\.example/a[$|]b$ => spiffe://spike-1_x.example/a$b-c",
    })
    void anchoredSpiffeIdPatternsDoNot(String pattern, String unintended) throws Exception {
        assertEquals(Optional.empty(), PatternAnchoring.spiffeIdPatternRisk(pattern), pattern);
        assertFalse(PolicyRegex.compile(pattern, "p").find(unintended), pattern + " vs " + unintended);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "apps/app/ => evil/apps/app/x",
            "^apps/app => apps/app-evil/x",
            "^apps/app/$|x => other/x",
            "^apps/a|^apps/b/ => apps/a-evil",
            "^?apps/app/ => evil/apps/app/",
            "^apps/app.* => apps/app-evil/x",
            "^apps/\\Qapp$\\E => apps/app$-evil",
    })
    void reportedPathPatternsReallyReachFurther(String pattern, String unintended) throws Exception {
        assertTrue(PatternAnchoring.pathPatternRisk(pattern).isPresent(), pattern);
        assertTrue(PolicyRegex.compile(pattern, "p").find(unintended), pattern + " vs " + unintended);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "^apps/app/ => evil/apps/app/x",
            "^apps/app$ => apps/app-evil",
            "^apps/app/.* => apps/app-evil/x",
            "^apps/(a|b)/ => apps/ab/",
            "^apps/[/|]x$ => apps/|x-evil",
            "^tenants/demo/db/.*$ => tenants/demo/dbx",
    })
    void anchoredPathPatternsDoNot(String pattern, String unintended) throws Exception {
        assertEquals(Optional.empty(), PatternAnchoring.pathPatternRisk(pattern), pattern);
        assertFalse(PolicyRegex.compile(pattern, "p").find(unintended), pattern + " vs " + unintended);
    }
}
