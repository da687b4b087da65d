package ist.spike.nexus.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Exact path plus action to route; anything else is a bad request (upstream ADR-0012). */
public final class RouteTable {
    private final Map<String, Route<?>> byKey = new HashMap<>();
    private final List<Route<?>> routes = new ArrayList<>();

    public RouteTable add(Route<?> route) {
        if (byKey.putIfAbsent(key(route.path(), route.action()), route) != null) {
            throw new IllegalArgumentException("duplicate route " + route);
        }
        routes.add(route);
        return this;
    }

    public Route<?> find(String path, String action) {
        return byKey.get(key(path, action == null ? "" : action));
    }

    public List<Route<?>> routes() {
        return Collections.unmodifiableList(routes);
    }

    private static String key(String path, String action) {
        return path + "?" + action;
    }
}
