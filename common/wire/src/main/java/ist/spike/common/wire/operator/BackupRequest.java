package ist.spike.common.wire.operator;

/**
 * {@code POST /v1/operator/backup}: {@code {}}. Our addition to upstream's API: the answer is the database
 * snapshot itself as {@code application/octet-stream} (ciphertext only), or a JSON error body.
 */
public record BackupRequest() {}
