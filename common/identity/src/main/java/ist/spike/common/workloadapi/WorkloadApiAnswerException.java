package ist.spike.common.workloadapi;

import java.io.IOException;

/**
 * The Workload API answered, but not with an SVID: a gRPC error status ({@link #status()}), or an
 * answer that is not a usable X509SVIDResponse (then the status is null). Asking again soon rarely
 * helps, unlike a socket nobody serves.
 */
public final class WorkloadApiAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient GrpcStatus status;

    WorkloadApiAnswerException(GrpcStatus status) {
        super(status.toString());
        this.status = status;
    }

    WorkloadApiAnswerException(String what) {
        super(what);
        this.status = null;
    }

    /** The call's gRPC status, or null when the answer was a bad message rather than a status. */
    public GrpcStatus status() {
        return status;
    }
}
