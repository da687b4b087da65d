package ist.spike.nexus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ist.spike.common.crypto.AesGcm;
import ist.spike.common.crypto.SecretBytes;
import ist.spike.common.shamir.Shamir;
import ist.spike.common.tls.MtlsResponse;
import ist.spike.common.validate.InputRules;
import ist.spike.common.wire.MalformedJsonException;
import ist.spike.common.wire.WireJson;
import ist.spike.common.wire.policy.PolicyDeleteRequest;
import ist.spike.common.wire.policy.PolicyPutRequest;
import ist.spike.common.wire.secret.SecretDeleteRequest;
import ist.spike.common.wire.secret.SecretPutRequest;
import ist.spike.common.wire.secret.SecretUndeleteRequest;
import ist.spike.nexus.AuthorizationMatrix.Caller;
import ist.spike.nexus.AuthorizationMatrix.Row;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Throws a few thousand malformed bodies (seeded, so a failure reproduces) at every route, as callers
 * that get past each route's guard, and checks: no 5xx except where upstream has one (a failed
 * authentication in JSON-mode decrypt and in bootstrap verify), Nexus still serves, and the store is
 * exactly as before. Bodies that could be valid writes are left out, so "unchanged" is a real check.
 */
class ApiFuzzTest {
    private static final int BODIES_PER_ROUTE = 200;
    private static final long SEED = 0x5EED_5B1CEL;
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/octet-stream",
        "application/json; charset=binary", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/octet-stream; charset=utf-8", "*/*"};
    private static final String[] FRAGMENTS = {"null", "[]", "{}", "\"\"", "\"\\u0000\"", "1e999", "-0", "true",
        "123456789012345678901234567890", "\"\\ud800\"", "{\"a\":", "]", "}", ",", ":", "\"path\"", "\"values\"",
        "\"version\":-1", "\"versions\":[-5]", "\"nonce\":\"!!\"", "\"ciphertext\":1", "\"shard\":[256]",
        "\"id\":99999999999", "\"permissions\":[\"root\"]", "\"pathPattern\":\"(\"", "NaN", "'single'"};

    @Test
    void malformedBodiesNeverCrashOr5xxAndChangeNothing() throws Exception {
        SecretBytes key = Shamir.newRootKey();
        AesGcm rootKey = AesGcm.create(key);
        try (NexusFixture nexus = NexusFixture.sqliteWithKey(key)) {
            for (String policy : AuthorizationMatrix.POLICIES) {
                assertEquals(200, nexus.superuser("/v1/acl/policy", "", policy).status());
            }
            nexus.superuser("/v1/store/secrets", "", "{\"path\":\"" + AuthorizationMatrix.SECRET
                    + "\",\"values\":{\"k\":\"v\"}}");
            nexus.superuser("/v1/store/secrets", "", "{\"path\":\"" + AuthorizationMatrix.DELETABLE
                    + "\",\"values\":{\"k\":\"v\"}}");
            String before = StoreSnapshot.of(nexus);

            Random random = new Random(SEED);
            List<String> failures = new ArrayList<>();
            int sent = 0;
            java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (Row row : AuthorizationMatrix.ROWS) {
                byte[] seed = row.body().make(rootKey).getBytes(StandardCharsets.UTF_8);
                Predicate<byte[]> mightWrite = mightWrite(row);
                List<Caller> callers = row.allowed().keySet().stream().filter(Caller::isVouchedFor).toList();
                for (int i = 0; i < BODIES_PER_ROUTE; i++) {
                    byte[] body = mutate(random, seed);
                    if (mightWrite.test(body)) {
                        continue;
                    }
                    Caller caller = random.nextInt(10) == 0 ? Caller.OTHER_PATH_WORKLOAD
                            : callers.get(random.nextInt(callers.size()));
                    String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
                    MtlsResponse r = nexus.post(caller.id, row.path(), row.action(), contentType, body);
                    sent++;
                    statuses.merge(r.status(), 1, Integer::sum);
                    if (r.status() >= 500 && !specAllows5xx(row, contentType)) {
                        failures.add(r.status() + " " + row.route() + " as " + caller + " (" + contentType + "): "
                                + printable(body) + " -> " + r.bodyText());
                    }
                }
            }
            System.out.println("ApiFuzzTest: " + sent + " malformed requests, statuses " + statuses);
            assertTrue(failures.isEmpty(), failures.size() + " unexpected 5xx, e.g.\n"
                    + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
            assertTrue(sent > BODIES_PER_ROUTE * AuthorizationMatrix.ROWS.size() / 2, "only " + sent + " sent");
            assertEquals(before, StoreSnapshot.of(nexus), "the store changed");
            assertEquals(200, nexus.superuser("/v1/store/secrets", "get", "{\"path\":\"" + AuthorizationMatrix.SECRET
                    + "\"}").status(), "Nexus still serves");
        }
    }

    /** As upstream: a failed GCM authentication is 500 in JSON-mode decrypt and in bootstrap verify. */
    private static boolean specAllows5xx(Row row, String contentType) {
        return row.path().equals("/v1/cipher/decrypt") && !contentType.equals("application/octet-stream")
                || row.path().equals("/v1/bootstrap/verify");
    }

    /** True when the body might be a valid write (it decodes and names a valid path or policy). */
    private static Predicate<byte[]> mightWrite(Row row) {
        return switch (row.route()) {
            case "/v1/store/secrets" -> b -> decodes(b, SecretPutRequest.class, r -> InputRules.isValidSecretPath(r.path()));
            case "/v1/store/secrets?action=delete" ->
                    b -> decodes(b, SecretDeleteRequest.class, r -> InputRules.isValidSecretPath(r.path()));
            case "/v1/store/secrets?action=undelete" ->
                    b -> decodes(b, SecretUndeleteRequest.class, r -> InputRules.isValidSecretPath(r.path()));
            case "/v1/acl/policy" -> b -> decodes(b, PolicyPutRequest.class, r -> InputRules.isValidPolicyName(r.name()));
            case "/v1/acl/policy?action=delete" ->
                    b -> decodes(b, PolicyDeleteRequest.class, r -> InputRules.isValidPolicyName(r.id()));
            default -> b -> false; // reads, the cipher, and a restore (refused while the key is present)
        };
    }

    private static <T> boolean decodes(byte[] body, Class<T> type, Predicate<T> valid) {
        try {
            return valid.test(WireJson.read(body, type));
        } catch (MalformedJsonException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] mutate(Random random, byte[] seed) {
        String text = new String(seed, StandardCharsets.UTF_8);
        return switch (random.nextInt(9)) {
            case 0 -> randomBytes(random, random.nextInt(300));
            case 1 -> java.util.Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 2 -> replaceChar(random, text).getBytes(StandardCharsets.UTF_8);
            case 3 -> insert(random, text, FRAGMENTS[random.nextInt(FRAGMENTS.length)]).getBytes(StandardCharsets.UTF_8);
            case 4 -> wrongTypes(random, text).getBytes(StandardCharsets.UTF_8);
            case 5 -> ("[" + text + "]").getBytes(StandardCharsets.UTF_8);
            case 6 -> ("[".repeat(2000) + "]".repeat(random.nextInt(2001))).getBytes(StandardCharsets.UTF_8);
            case 7 -> withInvalidUtf8(random, seed);
            default -> insert(random, text, "\"" + "x".repeat(random.nextInt(70_000)) + "\"")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    private static String replaceChar(Random random, String text) {
        if (text.isEmpty()) {
            return "\u0000";
        }
        int at = random.nextInt(text.length());
        String specials = "{}[]\":,\\ \u0000\u00ff/^$*+?()|.";
        char c = specials.charAt(random.nextInt(specials.length()));
        return text.substring(0, at) + c + text.substring(at + 1);
    }

    private static String insert(Random random, String text, String fragment) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + fragment + text.substring(at);
    }

    /** Every string value becomes a number, an array, an object or null. */
    private static String wrongTypes(Random random, String text) {
        String[] replacements = {"1", "[1]", "{}", "null", "-1", "1.5", "true"};
        return text.replaceAll(":\"[^\"]*\"", ":" + replacements[random.nextInt(replacements.length)]);
    }

    private static byte[] withInvalidUtf8(Random random, byte[] seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = random.nextInt(seed.length + 1);
        out.write(seed, 0, at);
        out.write(0xC3);
        out.write(0x28);
        out.write(0xFF);
        out.write(seed, at, seed.length - at);
        return out.toByteArray();
    }

    private static String printable(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
