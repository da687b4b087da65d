/**
 * A small one-shot client of the SPIFFE Workload API for the CLI: gRPC's {@code FetchX509SVID} as HTTP/2
 * frames on a unix socket, the protobuf answer read by hand, in plain JDK code: a CLI run does not pay
 * for starting gRPC and Netty (docs/performance.md); long-running programs use java-spiffe's client
 * (docs/adr/0009-identity-clients.md).
 *
 * <p>{@link ist.spike.common.workloadapi.X509SvidFetch} takes the first response and leaves the call.
 * {@code RequestFrames} writes the first flight; {@code ResponseReader} reads frames (acks SETTINGS and
 * PING, decodes every header block with
 * {@code HpackDecoder}, turns trailers into the call's {@link ist.spike.common.workloadapi.GrpcStatus},
 * and GOAWAY, RST_STREAM and end of file into "the call ended") and hands the gRPC message cut out by
 * {@code MessageAssembler} to {@code ProtoReader}. Every length read on the way is bounded: frames by
 * HTTP/2's default maximum frame size, header blocks and strings by what is left, messages by gRPC's
 * 4 MiB default, protobuf lengths by the bytes left of their message.
 */
package ist.spike.common.workloadapi;
