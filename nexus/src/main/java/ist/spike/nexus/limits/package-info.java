/**
 * Limits that keep one caller from taking Nexus from the others: a request rate per SPIFFE ID
 * ({@link ist.spike.nexus.limits.CallerRateLimiter}) and a budget of request-body bytes in flight
 * ({@link ist.spike.nexus.limits.BodyBudget}). Both are asked before a body is read.
 */
package ist.spike.nexus.limits;
