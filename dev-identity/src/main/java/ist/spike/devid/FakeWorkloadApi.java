package ist.spike.devid;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.spiffe.workloadapi.grpc.SpiffeWorkloadAPIGrpc;
import io.spiffe.workloadapi.grpc.Workload;
import java.io.ByteArrayOutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Workload API for one identity: every caller of this socket gets the same SVID. Streams stay
 * open (no onCompleted) because clients watch them for rotations; {@link #publish} pushes a new
 * SVID to every open stream. JWT methods keep the generated UNIMPLEMENTED answers.
 */
final class FakeWorkloadApi extends SpiffeWorkloadAPIGrpc.SpiffeWorkloadAPIImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(FakeWorkloadApi.class);

    private final String name;
    private final String trustDomainId;
    private final List<ServerCallStreamObserver<Workload.X509SVIDResponse>> svidStreams = new ArrayList<>();
    private final List<ServerCallStreamObserver<Workload.X509BundlesResponse>> bundleStreams = new ArrayList<>();
    private MintedSvid current;
    /** Other trust domains' CA certificates, by trust domain name, sent as federated bundles. */
    private Map<String, X509Certificate> federated = Map.of();

    FakeWorkloadApi(String name, String trustDomain, MintedSvid initial) {
        this.name = name;
        this.trustDomainId = "spiffe://" + trustDomain;
        this.current = Objects.requireNonNull(initial);
    }

    synchronized MintedSvid current() {
        return current;
    }

    /** Sends these federated bundles from now on (pushed at once with the current SVID). */
    synchronized void federate(Map<String, X509Certificate> bundles) {
        federated = Map.copyOf(bundles);
        publish(current);
    }

    /** Makes {@code svid} the answer and pushes it on every open stream. */
    synchronized void publish(MintedSvid svid) {
        current = svid;
        Workload.X509SVIDResponse svidResponse = svidResponse(svid);
        svidStreams.removeIf(ServerCallStreamObserver::isCancelled);
        for (var stream : svidStreams) {
            send(stream, svidResponse);
        }
        Workload.X509BundlesResponse bundlesResponse = bundlesResponse(svid);
        bundleStreams.removeIf(ServerCallStreamObserver::isCancelled);
        for (var stream : bundleStreams) {
            send(stream, bundlesResponse);
        }
        LOG.debug("{}: pushed {} to {} open stream(s)", name, svid, svidStreams.size());
    }

    @Override
    public synchronized void fetchX509SVID(Workload.X509SVIDRequest request,
                                           StreamObserver<Workload.X509SVIDResponse> responses) {
        var stream = (ServerCallStreamObserver<Workload.X509SVIDResponse>) responses;
        stream.setOnCancelHandler(() -> forget(svidStreams, stream));
        svidStreams.add(stream);
        stream.onNext(svidResponse(current));
        LOG.debug("{}: served {}", name, current);
    }

    @Override
    public synchronized void fetchX509Bundles(Workload.X509BundlesRequest request,
                                              StreamObserver<Workload.X509BundlesResponse> responses) {
        var stream = (ServerCallStreamObserver<Workload.X509BundlesResponse>) responses;
        stream.setOnCancelHandler(() -> forget(bundleStreams, stream));
        bundleStreams.add(stream);
        stream.onNext(bundlesResponse(current));
    }

    /** A stream that went away between the check and the send must not stop the others. */
    private void send(StreamObserver<?> stream, Object response) {
        try {
            @SuppressWarnings("unchecked")
            StreamObserver<Object> raw = (StreamObserver<Object>) stream;
            raw.onNext(response);
        } catch (RuntimeException e) {
            LOG.debug("{}: a stream closed while pushing: {}", name, e.toString());
        }
    }

    private synchronized <T> void forget(List<T> streams, T stream) {
        streams.remove(stream);
    }

    private Workload.X509SVIDResponse svidResponse(MintedSvid svid) {
        return Workload.X509SVIDResponse.newBuilder()
                .addSvids(Workload.X509SVID.newBuilder()
                        .setSpiffeId(svid.spiffeId())
                        .setX509Svid(concatenatedDer(svid.chain()))
                        .setX509SvidKey(ByteString.copyFrom(svid.privateKey().getEncoded()))
                        .setBundle(concatenatedDer(svid.bundle())))
                .putAllFederatedBundles(federatedBundles())
                .build();
    }

    private Workload.X509BundlesResponse bundlesResponse(MintedSvid svid) {
        return Workload.X509BundlesResponse.newBuilder()
                .putBundles(trustDomainId, concatenatedDer(svid.bundle()))
                .putAllBundles(federatedBundles())
                .build();
    }

    private Map<String, ByteString> federatedBundles() {
        Map<String, ByteString> out = new LinkedHashMap<>();
        federated.forEach((trustDomain, ca) -> out.put("spiffe://" + trustDomain, concatenatedDer(List.of(ca))));
        return out;
    }

    private static ByteString concatenatedDer(List<X509Certificate> certificates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (X509Certificate certificate : certificates) {
            try {
                out.writeBytes(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
            }
        }
        return ByteString.copyFrom(out.toByteArray());
    }
}
