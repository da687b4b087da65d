package ist.spike.nexus.http;

/** Told of every answered API request (the metrics count them); must be cheap and never throw. */
public interface RequestObserver {
    RequestObserver NONE = (route, status, nanos) -> {};

    /**
     * @param route  the route that matched, or null for an unknown route
     * @param status the HTTP status answered
     * @param nanos  from the request's arrival to its answer
     */
    void answered(Route<?> route, int status, long nanos);
}
