package ist.spike.pilot.operator;

import ist.spike.common.wire.operator.KeysResponse;
import ist.spike.common.wire.operator.RekeyResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code -f json} and {@code -f yaml} print for the key commands: Nexus's answer field for field, in
 * the wire's order and names, without {@code err} (a failure is an error line instead). Built as maps so
 * no accessor of the wire records leaks into the document.
 */
final class KeyDocuments {
    private KeyDocuments() {}

    static Map<String, Object> keys(KeysResponse k) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("activeGeneration", k.activeGeneration());
        doc.put("rootEpoch", k.rootEpoch());
        doc.put("phase", k.phase());
        doc.put("resealed", k.resealed());
        doc.put("verified", k.verified());
        doc.put("failedRecords", k.failedRecords());
        doc.put("encryptions", k.encryptions());
        doc.put("maxEncryptions", k.maxEncryptions());
        doc.put("lastRotation", k.lastRotation());
        doc.put("nextRotation", k.nextRotation());
        doc.put("lastRekey", k.lastRekey());
        doc.put("rekeyUnderWay", k.rekeyUnderWay());
        doc.put("lastError", k.lastError());
        List<Map<String, Object>> generations = k.generations().stream().map(KeyDocuments::generation).toList();
        doc.put("generations", generations);
        return doc;
    }

    static Map<String, Object> rekey(RekeyResponse r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("rootEpoch", r.rootEpoch());
        doc.put("keepers", r.keepers());
        doc.put("keepersWithNewShard", r.keepersWithNewShard());
        doc.put("complete", r.complete());
        doc.put("started", r.started());
        return doc;
    }

    private static Map<String, Object> generation(KeysResponse.Generation g) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("generation", g.generation());
        doc.put("purpose", g.purpose());
        doc.put("state", g.state());
        doc.put("created", g.created());
        doc.put("legacy", g.legacy());
        return doc;
    }
}
