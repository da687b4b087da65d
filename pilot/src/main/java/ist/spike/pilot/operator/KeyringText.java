package ist.spike.pilot.operator;

import ist.spike.common.wire.operator.KeysResponse;
import ist.spike.common.wire.operator.KeysResponse.Generation;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The keyring and its rotation as people read them, from Nexus's answer alone (no key material is in
 * it). Pure text, so tests need no Nexus; times in the zone the caller gives.
 */
final class KeyringText {
    private static final String RULE = "-".repeat(50);
    /** A legacy key is the root key of a store written before keyrings, kept to open its old records. */
    private static final String LEGACY = "  (legacy: the root key from before keyrings)";

    private final HumanTime time;

    KeyringText(ZoneId zone) {
        this.time = new HumanTime(zone);
    }

    /** {@code spike operator keys}: the summary, then one row per generation. */
    List<String> keyring(KeysResponse k) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Keyring:");
        lines.add(RULE);
        lines.add("Active generation : " + k.activeGeneration());
        lines.add("Root epoch        : " + k.rootEpoch() + (k.rekeyUnderWay()
                ? " (rekey under way: it completes once every keeper holds its new shard)" : ""));
        lines.add("Rotation          : " + rotation(k));
        if (!k.lastError().isEmpty()) {
            lines.add("Last error        : " + k.lastError());
        }
        lines.add("Encryptions       : " + encryptions(k));
        lines.add("Last rotation     : " + time.of(k.lastRotation(), "never"));
        lines.add("Next rotation     : " + time.of(k.nextRotation(), "not scheduled"));
        lines.add("Last rekey        : " + time.of(k.lastRekey(), "never"));
        lines.add(RULE);
        lines.add("");
        lines.add("Generations:");
        lines.addAll(generations(k.generations()));
        return lines;
    }

    /** The first line of {@code spike operator rotate}: what Nexus is doing now. */
    static String rotationStarted(KeysResponse k) {
        return switch (k.phase()) {
            case "idle" -> done(k);
            case "failed" -> "Key rotation failed: " + k.lastError();
            default -> "Key rotation under way: generation " + k.activeGeneration()
                    + " seals new records; older records are being re-sealed under it in the background.";
        };
    }

    /** The last line of a rotation that finished. */
    static String done(KeysResponse k) {
        return "Key rotation done: generation " + k.activeGeneration() + " is active; " + k.resealed()
                + " records re-sealed and " + k.verified() + " verified.";
    }

    /** One line of {@code rotate --wait} while it runs, e.g. {@code resealing: 1200 records re-sealed}. */
    static String progress(KeysResponse k) {
        String line = switch (k.phase()) {
            case "resealing" -> "resealing: " + k.resealed() + " records re-sealed";
            case "verifying" -> "verifying: " + k.verified() + " records verified";
            default -> k.phase();
        };
        return k.failedRecords() > 0 ? line + ", " + k.failedRecords() + " could not be opened" : line;
    }

    /** The one-line error of a failed rotation (Nexus keeps the old keys, so nothing became unreadable). */
    static String failure(KeysResponse k) {
        return "key rotation failed: " + (k.lastError().isEmpty() ? "Nexus gave no reason" : k.lastError());
    }

    private static String rotation(KeysResponse k) {
        return switch (k.phase()) {
            case "resealing" -> "resealing (" + k.resealed() + " records re-sealed so far" + failed(k) + ")";
            case "verifying" -> "verifying (" + k.resealed() + " records re-sealed, " + k.verified()
                    + " verified so far" + failed(k) + ")";
            case "failed" -> "failed (" + k.resealed() + " records re-sealed, " + k.verified() + " verified"
                    + failed(k) + "; the old keys are kept)";
            default -> k.phase();
        };
    }

    private static String failed(KeysResponse k) {
        return k.failedRecords() > 0 ? ", " + k.failedRecords() + " could not be opened" : "";
    }

    private static String encryptions(KeysResponse k) {
        String used = k.encryptions() + (k.maxEncryptions() > 0 ? " of " + k.maxEncryptions() : "");
        return used + " by the active storage key";
    }

    /** A table whose columns are as wide as their widest value. */
    private List<String> generations(List<Generation> generations) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"GENERATION", "PURPOSE", "STATE", "CREATED"});
        for (Generation g : generations) {
            rows.add(new String[] {Integer.toString(g.generation()), g.purpose(), g.state(),
                    time.of(g.created(), "-") + (g.legacy() ? LEGACY : "")});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < widths.length; i++) {
                line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            lines.add(line.append(row[3]).toString());
        }
        return lines;
    }
}
