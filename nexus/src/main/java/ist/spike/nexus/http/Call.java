package ist.spike.nexus.http;

import io.spiffe.spiffeid.SpiffeId;

/** An authorised, validated request as a handler sees it. */
public record Call<Q>(SpiffeId caller, Q request) {}
