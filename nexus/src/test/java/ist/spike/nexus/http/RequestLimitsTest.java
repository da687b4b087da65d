package ist.spike.nexus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ist.spike.common.tls.MtlsResponse;
import ist.spike.nexus.NexusFixture;
import ist.spike.nexus.testing.RawTlsClients;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * One caller cannot take Nexus from the others: past its rate it gets 429 {@code api_too_many_requests}
 * (before its body is read), and the request-body bytes it may have in memory at once are capped, while
 * another identity is served all along.
 */
class RequestLimitsTest {
    private static final String LITE = "spiffe://spike.ist/spike/workload/role/lite";
    private static final String ENCRYPT = "/v1/cipher/encrypt";
    private static final String SMALL = "{\"plaintext\":\"YXR0YWNrIGF0IGRhd24=\"}";
    private static final String TOO_MANY = "{\"version\":0,\"nonce\":null,\"ciphertext\":null,\"err\":\"api_too_many_requests\"}";

    @Test
    void aCallerOverItsRateGets429WhileOthersAreServed() throws Exception {
        try (NexusFixture nexus = NexusFixture.sqlite(Map.of(
                "SPIKE_NEXUS_RATE_LIMIT_PER_SECOND", "1", "SPIKE_NEXUS_RATE_LIMIT_BURST", "3"))) {
            List<MtlsResponse> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(nexus.post(LITE, ENCRYPT, "", SMALL));
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(200, answers.get(i).status(), "within the burst");
            }
            MtlsResponse refused = answers.stream().filter(r -> r.status() == 429).findFirst()
                    .orElseThrow(() -> new AssertionError("20 requests at once, none refused"));
            assertEquals(TOO_MANY, refused.bodyText());
            assertEquals("1", refused.headers().firstValue("retry-after").orElse(""));
            // Another identity has a bucket of its own.
            assertEquals(200, nexus.superuser("/v1/store/secrets", "list", "{}").status());
        }
    }

    @Test
    void aCallersBodiesInFlightAreCappedWhileOthersAreServed() throws Exception {
        // 64 KiB in flight in all, 16 KiB per caller.
        try (NexusFixture nexus = NexusFixture.sqlite(Map.of("SPIKE_NEXUS_MAX_IN_FLIGHT_BODY_BYTES", "65536"))) {
            try (SSLSocket slow = (SSLSocket) RawTlsClients.presentingContext(nexus.ids.mint(LITE)).getSocketFactory()
                    .createSocket("127.0.0.1", nexus.server.port())) {
                // A body of 16,000 bytes announced, 100 sent: Nexus has reserved room for it and waits.
                OutputStream out = slow.getOutputStream();
                out.write(("POST " + ENCRYPT + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 16000\r\n\r\n" + "{\"plaintext\":\"" + "A".repeat(86))
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                MtlsResponse second = untilRefused(nexus);
                assertEquals(TOO_MANY, second.bodyText());
                assertEquals(200, nexus.superuser("/v1/store/secrets", "list", "{}").status(), "another caller");
            }
            // The slow body's room comes back once its connection is gone.
            MtlsResponse after = nexus.post(LITE, ENCRYPT, "", SMALL);
            for (int i = 0; i < 50 && after.status() == 429; i++) {
                Thread.sleep(100);
                after = nexus.post(LITE, ENCRYPT, "", SMALL);
            }
            assertEquals(200, after.status(), after::bodyText);
        }
    }

    /** The slow request reaches the body read on its own time: ask until the caller's share is seen spent. */
    private static MtlsResponse untilRefused(NexusFixture nexus) throws Exception {
        String body = "{\"plaintext\":\"" + "A".repeat(600) + "\"}";
        for (int i = 0; i < 100; i++) {
            MtlsResponse r = nexus.post(LITE, ENCRYPT, "", body);
            if (r.status() == 429) {
                return r;
            }
            assertNotEquals(500, r.status());
            Thread.sleep(50);
        }
        throw new AssertionError("the caller's share never filled up");
    }
}
