/**
 * Mutual TLS by SPIFFE ID: SSL contexts for servers and clients, and the client (java.net.http). The servers
 * install them themselves: Nexus on Jetty ({@code ist.spike.nexus.tls.MtlsServer}), the keeper on the JDK's HttpsServer.
 *
 * <pre>{@code
 * IdentitySource identity = IdentitySources.open(System.getenv());
 * Roles roles = Roles.fromEnv(System.getenv());
 * // server: only Nexus and Bootstrap may connect
 * Javalin.create(cfg -> MtlsServer.install(cfg, MtlsContexts.server(identity, roles.anyOf(Role.NEXUS, Role.BOOTSTRAP)),
 *         MtlsServerOptions.listen("0.0.0.0", 8443))).start();
 * // client: talk only to a keeper
 * MtlsClient keeper = MtlsClient.create(MtlsContexts.client(identity, roles.predicate(Role.KEEPER)));
 * }</pre>
 */
package ist.spike.common.tls;
