package ist.spike.common.workloadapi;

import java.util.Map;

/**
 * What a client sends to open a gRPC call: the method ("/package.Service/Method"), metadata sent as
 * request headers, and the one request message (serialized protobuf).
 */
record GrpcRequest(String method, Map<String, String> metadata, byte[] message) {

    /** The Workload API's X.509 call: an empty X509SVIDRequest, a server stream of X509SVIDResponse. */
    static final GrpcRequest FETCH_X509_SVID = new GrpcRequest("/SpiffeWorkloadAPI/FetchX509SVID",
            // The Workload API refuses calls without it (it proves the caller is not a browser).
            Map.of("workload.spiffe.io", "true"), new byte[0]);
}
