package ist.spike.common.workloadapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Workload API's {@code X509SVIDResponse}: the SVIDs (first one is the default), and the bundles of
 * federated trust domains. Certificates are concatenated DER, keys PKCS#8 DER, as on the wire.
 */
public record X509SvidResponse(List<Svid> svids, Map<String, byte[]> federatedBundles) {

    /** One {@code X509SVID}: the SPIFFE ID, its chain, its private key, and its trust domain's bundle. */
    public record Svid(String spiffeId, byte[] certificates, byte[] privateKey, byte[] bundle) {}

    static X509SvidResponse parse(byte[] message) {
        List<Svid> svids = new ArrayList<>();
        Map<String, byte[]> federated = new LinkedHashMap<>();
        ProtoReader response = new ProtoReader(message);
        while (response.next()) {
            switch (response.fieldNumber()) {
                case 1 -> svids.add(svid(response.message()));
                case 3 -> mapEntry(response.message(), federated);
                default -> response.skip(); // crl (2), and whatever later versions add
            }
        }
        return new X509SvidResponse(List.copyOf(svids), federated);
    }

    private static Svid svid(ProtoReader fields) {
        String spiffeId = "";
        byte[] certificates = new byte[0];
        byte[] key = new byte[0];
        byte[] bundle = new byte[0];
        while (fields.next()) {
            switch (fields.fieldNumber()) {
                case 1 -> spiffeId = fields.string();
                case 2 -> certificates = fields.bytes();
                case 3 -> key = fields.bytes();
                case 4 -> bundle = fields.bytes();
                default -> fields.skip(); // hint (5)
            }
        }
        return new Svid(spiffeId, certificates, key, bundle);
    }

    private static void mapEntry(ProtoReader entry, Map<String, byte[]> into) {
        String key = "";
        byte[] value = new byte[0];
        while (entry.next()) {
            switch (entry.fieldNumber()) {
                case 1 -> key = entry.string();
                case 2 -> value = entry.bytes();
                default -> entry.skip();
            }
        }
        into.put(key, value);
    }
}
