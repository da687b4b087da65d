/**
 * A small client of the SPIFFE Workload API: gRPC's {@code FetchX509SVID} as HTTP/2 frames on a unix
 * socket, the protobuf answer read by hand, in plain JDK code. It replaces java-spiffe's gRPC/Netty
 * client, whose start-up costs a CLI run more than its request and a server memory and start-up time
 * (docs/performance.md), whenever the Workload API is on a unix socket (over {@code tcp://} java-spiffe
 * is still used).
 *
 * <ul>
 *   <li>{@link ist.spike.common.workloadapi.X509SvidFetch}: the first response, then the call is left
 *       (short-lived programs: the {@code spike} CLI).</li>
 *   <li>{@link ist.spike.common.workloadapi.X509SvidStream}: follows the call for the life of the
 *       process, one response per rotation, calling again with a backoff when the agent goes away
 *       (servers).</li>
 * </ul>
 *
 * <p>Both run one call through the same pieces: {@code RequestFrames} writes the first flight,
 * {@code ResponseReader} reads frames (acks SETTINGS and PING, gives receive window back as DATA is
 * consumed, turns GOAWAY, RST_STREAM, trailers and end of file into "the call ended") and hands each
 * gRPC message cut out by {@code MessageAssembler} to a handler.
 */
package ist.spike.common.workloadapi;
