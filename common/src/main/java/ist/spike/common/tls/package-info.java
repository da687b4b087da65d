/**
 * Mutual TLS by SPIFFE ID for servers (Javalin 7 on Jetty 12) and clients (java.net.http).
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
