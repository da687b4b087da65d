package ist.spike.common.spiffe;

import ist.spike.common.workloadapi.GrpcStatus;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The one-line errors of a Workload API that gives no identity, for both clients: where it was looked
 * for, and what the agent answered (its gRPC status) or why nothing answered.
 */
final class WorkloadApiErrors {
    private static final String WHAT_TO_CHECK = "is the SPIRE agent running, and is this workload registered? set "
            + IdentitySources.SPIFFE_ENDPOINT_SOCKET + " or " + IdentitySources.SPIKE_SVID_DIR;

    private WorkloadApiErrors() {}

    /** No socket file at all: nothing to wait for. */
    static IdentityUnavailableException noSocket(Path socket) {
        return new IdentityUnavailableException("no SPIFFE Workload API socket at " + socket
                + " (is the SPIRE agent running? set " + IdentitySources.SPIFFE_ENDPOINT_SOCKET + " or "
                + IdentitySources.SPIKE_SVID_DIR + ")", null);
    }

    /** The agent answered, but not with an SVID: {@code answer} is its status or what was wrong with the message. */
    static IdentityUnavailableException answered(String address, String answer, GrpcStatus status, Throwable cause) {
        String hint = status != null && status.code() == GrpcStatus.PERMISSION_DENIED
                ? " (is this workload registered with the SPIRE server?)" : "";
        return new IdentityUnavailableException("the SPIFFE Workload API at " + address + " answered " + answer + hint,
                cause);
    }

    /** No SVID came within {@code wait}; {@code lastProblem} (may be null) says what the last try met. */
    static IdentityUnavailableException noAnswer(String address, Duration wait, String lastProblem, Throwable cause) {
        return new IdentityUnavailableException("no X.509-SVID from the SPIFFE Workload API at " + address
                + " within " + format(wait) + ": " + (lastProblem == null ? "no answer" : lastProblem)
                + " (" + WHAT_TO_CHECK + ")", cause);
    }

    /** "30s" rather than "PT30S", to match how the variable is written. */
    static String format(Duration duration) {
        if (duration.toMillisPart() == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }
}
