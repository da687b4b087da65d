/**
 * A one-shot client of the SPIFFE Workload API: gRPC's {@code FetchX509SVID} over HTTP/2 on a unix
 * socket, in a few hundred lines of plain JDK code. Short-lived programs (the {@code spike} CLI) use it
 * instead of java-spiffe's gRPC/Netty client, whose start-up costs a CLI run more than its request.
 * Long-running programs keep java-spiffe, which follows SVID rotations.
 */
package ist.spike.common.workloadapi;
