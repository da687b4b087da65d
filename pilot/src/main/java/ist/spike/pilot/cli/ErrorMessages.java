package ist.spike.pilot.cli;

import ist.spike.client.SpikeException;

/** One clear line per failure, in the spirit of upstream's humanised errors. */
final class ErrorMessages {
    private ErrorMessages() {}

    static String describe(SpikeException e) {
        if (e instanceof SpikeException.NotFoundException) {
            return "Resource not found.";
        }
        if (e instanceof SpikeException.UnauthorizedException) {
            return "Unauthorized access: this SPIFFE ID may not do that.";
        }
        if (e instanceof SpikeException.BadRequestException) {
            return "Invalid request: SPIKE Nexus rejected the input.";
        }
        if (e instanceof SpikeException.NotReadyException) {
            return "SPIKE is not ready yet: Nexus has no root key (waiting for keepers or 'spike operator restore').";
        }
        if (e instanceof SpikeException.ConnectionException) {
            return "Failed to connect to SPIKE Nexus: " + e.getMessage();
        }
        return e.getMessage();
    }
}
