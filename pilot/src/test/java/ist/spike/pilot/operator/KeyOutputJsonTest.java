package ist.spike.pilot.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ist.spike.common.wire.operator.KeysResponse;
import ist.spike.common.wire.operator.RekeyResponse;
import ist.spike.pilot.output.Printer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code -f json} of the key commands prints Nexus's answer as it is: the wire's fields, in its order, no {@code err}. */
class KeyOutputJsonTest {
    @Test
    void keysAsJson() {
        KeysResponse k = new KeysResponse(2, 1, "idle", 7, 7, 0, 9, 100, "2026-11-23T19:41:52Z", "", "", false, "",
                List.of(new KeysResponse.Generation(2, "storage", "active", "2026-11-23T19:41:52Z", false)), "");
        assertEquals("""
                {
                  "activeGeneration": 2,
                  "rootEpoch": 1,
                  "phase": "idle",
                  "resealed": 7,
                  "verified": 7,
                  "failedRecords": 0,
                  "encryptions": 9,
                  "maxEncryptions": 100,
                  "lastRotation": "2026-11-23T19:41:52Z",
                  "nextRotation": "",
                  "lastRekey": "",
                  "rekeyUnderWay": false,
                  "lastError": "",
                  "generations": [
                    {
                      "generation": 2,
                      "purpose": "storage",
                      "state": "active",
                      "created": "2026-11-23T19:41:52Z",
                      "legacy": false
                    }
                  ]
                }
                """, json(k));
    }

    @Test
    void rekeyAsJson() {
        assertEquals("""
                {
                  "rootEpoch": 2,
                  "keepers": 3,
                  "keepersWithNewShard": 1,
                  "complete": false,
                  "started": ""
                }
                """, json(new RekeyResponse(2, 3, 1, false, "", "")));
    }

    private static String json(Object document) {
        StringWriter text = new StringWriter();
        Printer.json(new PrintWriter(text, true), document, 2);
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
