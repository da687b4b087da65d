package ist.spike.common.workloadapi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A gRPC call's status: its code and message, as the {@code grpc-status} and {@code grpc-message}
 * trailers carry them. Codes are named as grpc-go, and so a SPIRE agent's logs, name them
 * ({@code PermissionDenied}), whichever client read them.
 */
public record GrpcStatus(int code, String message) {
    public static final int OK = 0;
    public static final int INVALID_ARGUMENT = 3;
    public static final int PERMISSION_DENIED = 7;
    public static final int UNAVAILABLE = 14;

    private static final List<String> NAMES = List.of("OK", "Canceled", "Unknown", "InvalidArgument",
            "DeadlineExceeded", "NotFound", "AlreadyExists", "PermissionDenied", "ResourceExhausted",
            "FailedPrecondition", "Aborted", "OutOfRange", "Unimplemented", "Internal", "Unavailable", "DataLoss",
            "Unauthenticated");

    public GrpcStatus {
        message = message == null ? "" : message;
    }

    /** The code's name ("PermissionDenied"), or "Code(42)" for a code gRPC does not define. */
    public String name() {
        return code >= 0 && code < NAMES.size() ? NAMES.get(code) : "Code(" + code + ")";
    }

    /** "PermissionDenied: no identity issued", or just the name when there is no message. */
    @Override
    public String toString() {
        return message.isEmpty() ? name() : name() + ": " + message;
    }

    /**
     * The status in a call's trailers; null when {@code grpc-status} is absent.
     *
     * @throws NumberFormatException when {@code grpc-status} is not a number
     */
    static GrpcStatus fromTrailers(String status, String message) {
        if (status == null) {
            return null;
        }
        return new GrpcStatus(Integer.parseInt(status.trim()), message == null ? "" : percentDecoded(message));
    }

    /** grpc-message is percent-encoded UTF-8; a malformed escape is kept as it is. */
    static String percentDecoded(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
