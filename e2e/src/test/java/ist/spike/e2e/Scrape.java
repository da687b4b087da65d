package ist.spike.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of a health listener's {@code /metrics} (plain HTTP, as Prometheus scrapes it), with its
 * samples by name and labels; plus the listener's other two paths.
 */
final class Scrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    final String text;
    private final Map<String, Double> samples = new HashMap<>();

    private Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                Map<String, String> labels = new TreeMap<>();
                Matcher l = LABEL.matcher(m.group(2) == null ? "" : m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
                samples.put(key(m.group(1), labels), number(m.group(3)));
            }
        }
    }

    /** GETs {@code path} from the listener on 127.0.0.1:{@code port}. */
    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static Scrape of(int port) throws IOException, InterruptedException {
        HttpResponse<String> r = get(port, "/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + r.statusCode() + ": " + r.body());
        }
        return new Scrape(r.body());
    }

    /** Scrapes until {@code condition} holds (the listener may not be up yet); fails after {@code limit}. */
    static Scrape until(int port, Duration limit, String what, Predicate<Scrape> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "(no answer)";
        while (System.nanoTime() < deadline) {
            try {
                Scrape scrape = of(port);
                if (condition.test(scrape)) {
                    return scrape;
                }
                last = scrape.text;
            } catch (IOException | AssertionError e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + limit + ": " + what + "; last scrape:\n" + last);
    }

    /** The sample of {@code name} with exactly these labels (name, value pairs); fails when there is none. */
    double value(String name, String... labels) {
        Double value = samples.get(key(name, labels(labels)));
        if (value == null) {
            throw new AssertionError(name + labels(labels) + " not in /metrics:\n" + family(name));
        }
        return value;
    }

    /** How much a series grew from {@code before} to {@code after}; it must be in {@code after}. */
    static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.valueOrZero(name, labels);
    }

    /** The sample, or 0 when the series has not appeared yet (a counter nobody incremented). */
    double valueOrZero(String name, String... labels) {
        return samples.getOrDefault(key(name, labels(labels)), 0.0);
    }

    boolean has(String name, String... labels) {
        return samples.containsKey(key(name, labels(labels)));
    }

    /** The lines of one metric family, for failure messages. */
    String family(String name) {
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith(name) || line.startsWith("# HELP " + name) || line.startsWith("# TYPE " + name)) {
                lines.append(line).append('\n');
            }
        }
        return lines.isEmpty() ? "(no " + name + " at all)" : lines.toString();
    }

    private static Map<String, String> labels(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    private static String key(String name, Map<String, String> labels) {
        return name + labels;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
