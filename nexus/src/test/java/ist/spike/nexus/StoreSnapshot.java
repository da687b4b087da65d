package ist.spike.nexus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Everything the superuser can see of a Nexus store, as one text, to tell whether anything changed. */
final class StoreSnapshot {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreSnapshot() {}

    static String of(NexusFixture nexus) throws Exception {
        StringBuilder out = new StringBuilder();
        String keys = nexus.superuser("/v1/store/secrets", "list", "{}").bodyText();
        out.append(keys).append('\n');
        for (JsonNode key : JSON.readTree(keys).get("keys")) {
            String path = JSON.writeValueAsString(key.asText());
            out.append(nexus.superuser("/v1/store/secrets", "get", "{\"path\":" + path + "}").bodyText()).append('\n');
            out.append(nexus.superuser("/v1/store/secrets/metadata", "get", "{\"path\":" + path + "}").bodyText())
                    .append('\n');
        }
        String policies = nexus.superuser("/v1/acl/policy", "list", "{}").bodyText();
        out.append(policies).append('\n');
        for (JsonNode item : JSON.readTree(policies).get("policies")) {
            String name = JSON.writeValueAsString(item.get("name").asText());
            out.append(nexus.superuser("/v1/acl/policy", "get", "{\"id\":" + name + "}").bodyText()).append('\n');
        }
        return out.toString();
    }
}
