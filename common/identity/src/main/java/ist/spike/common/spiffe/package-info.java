/**
 * Who we are and who the peer is, in SPIFFE terms.
 *
 * <ul>
 *   <li>{@link ist.spike.common.spiffe.IdentitySources#open(java.util.Map)} gives this program's
 *       {@link ist.spike.common.spiffe.IdentitySource}: SVID files ({@code SPIKE_SVID_DIR}) or the
 *       Workload API ({@code SPIFFE_ENDPOINT_SOCKET}, {@code SPIKE_SPIFFE_SOURCE_TIMEOUT}) through
 *       java-spiffe's client, followed for rotations
 *       ({@link ist.spike.common.spiffe.WorkloadApiIdentitySource});
 *       {@link ist.spike.common.spiffe.IdentitySources#openOnce(java.util.Map)} fetches it once for
 *       the CLI with the built-in client ({@link ist.spike.common.spiffe.FetchedIdentitySource}).</li>
 *   <li>{@link ist.spike.common.spiffe.Roles} holds the trust domains of each built-in
 *       {@link ist.spike.common.spiffe.Role} and builds the predicates that TLS and handlers use.</li>
 *   <li>{@link ist.spike.common.spiffe.PeerIds} reads a peer's ID from the one URI SAN of a
 *       validated certificate, and nowhere else.</li>
 * </ul>
 */
package ist.spike.common.spiffe;
