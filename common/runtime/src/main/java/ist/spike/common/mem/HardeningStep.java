package ist.spike.common.mem;

/**
 * What happened to one hardening measure. {@code errno} is 0 unless the call failed; {@code detail}
 * is empty when it was applied.
 */
public record HardeningStep(Outcome outcome, int errno, String detail) {
    public enum Outcome { APPLIED, FAILED, SKIPPED }

    static HardeningStep applied() {
        return new HardeningStep(Outcome.APPLIED, 0, "");
    }

    static HardeningStep failed(int errno, String detail) {
        return new HardeningStep(Outcome.FAILED, errno, detail);
    }

    static HardeningStep skipped(String reason) {
        return new HardeningStep(Outcome.SKIPPED, 0, reason);
    }

    public boolean isApplied() {
        return outcome == Outcome.APPLIED;
    }
}
