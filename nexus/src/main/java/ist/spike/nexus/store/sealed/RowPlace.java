package ist.spike.nexus.store.sealed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a sealed record lives (a logical place: the names are those of schema 1, kept so its records still
 * open). Its encoding is the AES-GCM associated data, so a ciphertext only opens
 * in the row and column it was written for: a blob copied to another path, version or table fails
 * authentication instead of yielding the other row's data.
 *
 * <p>Encoding: the format tag {@code spike-aad-v1}, then table, row key, version, column and key
 * generation, each as a 4-byte big-endian length followed by UTF-8 bytes. Length prefixes make it
 * unambiguous whatever characters a path contains.
 */
record RowPlace(String table, String rowKey, int version, String column) {
    static final String FORMAT_TAG = "spike-aad-v1";

    RowPlace {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(rowKey, "rowKey");
        Objects.requireNonNull(column, "column");
    }

    static RowPlace secretValues(String path, int version) {
        return new RowPlace("secret_versions", path, version, "sealed_values");
    }

    /** A policy document; {@code revision} (0 for documents of schema 1) is the policy set's number for it. */
    static RowPlace policyDocument(String name, int revision) {
        return new RowPlace("policies", name, revision, "sealed_document");
    }

    static RowPlace secretIndex(String path) {
        return new RowPlace("secret_index", path, 0, "sealed_index");
    }

    static RowPlace state(String name) {
        return new RowPlace("state", name, 0, "sealed_value");
    }

    static RowPlace keyCheck() {
        return new RowPlace("key_check", "key-check", 0, "sealed_value");
    }

    byte[] associatedData(int keyGeneration) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + rowKey.length());
        for (String part : new String[] {FORMAT_TAG, table, rowKey, Integer.toString(version), column,
                Integer.toString(keyGeneration)}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** For error messages: names the row, never its content. */
    String describe() {
        return table + "." + column + " of '" + rowKey + "'" + (version == 0 ? "" : " version " + version);
    }
}
