package ist.spike.pilot.policy;

import ist.spike.common.validate.PatternAnchoring;
import ist.spike.pilot.command.UsageException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Refuses a policy whose patterns are not anchored unless {@code --allow-unanchored} is given, and then
 * warns ({@link PatternAnchoring}; docs/policies-and-cipher.md, "Anchored patterns"). Such a pattern
 * matches anywhere, as upstream's do: {@code spiffe://spike.ist/workload/app} also grants
 * {@code .../workload/app-evil}. A picocli mixin shared by {@code spike policy create} and {@code apply}.
 */
final class UnanchoredPatterns {
    @Option(names = "--allow-unanchored",
            description = "store the policy even if a pattern is not anchored (it then matches anywhere)")
    boolean allowed;

    /**
     * Nothing when both patterns are anchored; with {@code --allow-unanchored}, a warning line per
     * unanchored pattern on {@code err}.
     *
     * @throws UsageException without {@code --allow-unanchored}, naming each unanchored pattern and its risk
     */
    void check(PolicyDraft draft, PrintWriter err) {
        List<String> risks = new ArrayList<>(2);
        PatternAnchoring.spiffeIdPatternRisk(draft.spiffeidPattern()).ifPresent(why -> risks.add(
                "SPIFFE ID pattern '" + draft.spiffeidPattern() + "' is not anchored: " + why));
        PatternAnchoring.pathPatternRisk(draft.pathPattern()).ifPresent(why -> risks.add(
                "path pattern '" + draft.pathPattern() + "' is not anchored: " + why));
        if (risks.isEmpty()) {
            return;
        }
        if (!allowed) {
            throw new UsageException(String.join("; ", risks) + ". Anchor it (for example "
                    + "'^spiffe://spike\\.ist/workload/app$' and '^apps/app/') or pass --allow-unanchored.");
        }
        for (String risk : risks) {
            err.println("Warning: " + risk + ".");
        }
        err.flush();
    }
}
