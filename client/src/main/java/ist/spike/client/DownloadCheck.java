package ist.spike.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Copies a download and proves it whole: Nexus announces its length and SHA-256 ({@code Repr-Digest},
 * RFC 9530), and a transfer that is cut short, runs long or differs in any byte fails here, so the CLI
 * never keeps a broken backup as a good one.
 */
final class DownloadCheck {
    private static final String PREFIX = "sha-256=:";

    private final byte[] sha256;
    private final long length;

    private DownloadCheck(byte[] sha256, long length) {
        this.sha256 = sha256;
        this.length = length;
    }

    static DownloadCheck expecting(Optional<String> reprDigest, OptionalLong contentLength) {
        String digest = reprDigest.map(String::trim).orElse("");
        if (!digest.startsWith(PREFIX) || !digest.endsWith(":") || contentLength.isEmpty()) {
            throw new SpikeException.TransferException("Nexus sent the download without its length and SHA-256 "
                    + "(Content-Length, Repr-Digest)", null);
        }
        byte[] sha256;
        try {
            sha256 = Base64.getDecoder().decode(digest.substring(PREFIX.length(), digest.length() - 1));
        } catch (IllegalArgumentException e) {
            throw new SpikeException.TransferException("Nexus sent an unreadable Repr-Digest", e);
        }
        return new DownloadCheck(sha256, contentLength.getAsLong());
    }

    /** Copies {@code in} to {@code out}, then fails unless exactly the announced bytes arrived. */
    void copy(InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
            out.write(buffer, 0, n);
            copied += n;
        }
        if (copied != length) {
            throw new SpikeException.TransferException("the download ended after " + copied + " of " + length
                    + " bytes", null);
        }
        if (!MessageDigest.isEqual(sha256, digest.digest())) {
            throw new SpikeException.TransferException("the download does not match the SHA-256 Nexus announced",
                    null);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
