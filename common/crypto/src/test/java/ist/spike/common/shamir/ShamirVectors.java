package ist.spike.common.shamir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The upstream-derived vectors in {@code shamir-vectors.txt}, read from the test classpath. */
record ShamirVectors(byte[] rootKey, int threshold, int shares, List<String> expectedLines) {
    static final String RESOURCE = "/shamir-vectors.txt";

    static List<ShamirVectors> load() throws IOException {
        List<ShamirVectors> cases = new ArrayList<>();
        try (InputStream in = ShamirVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " not on the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> header = null;
            List<String> lines = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("root_key=")) {
                    if (header != null) {
                        cases.add(of(header, lines));
                    }
                    header = new HashMap<>();
                    for (String field : line.split("\\s+")) {
                        String[] kv = field.split("=", 2);
                        header.put(kv[0], kv[1]);
                    }
                    lines = new ArrayList<>();
                } else if (line.startsWith("spike:") && lines != null) {
                    lines.add(line);
                } else {
                    throw new IOException("unexpected line in " + RESOURCE + ": " + line);
                }
            }
            if (header != null) {
                cases.add(of(header, lines));
            }
        }
        return cases;
    }

    private static ShamirVectors of(Map<String, String> header, List<String> lines) {
        return new ShamirVectors(HexFormat.of().parseHex(header.get("root_key")),
                Integer.parseInt(header.get("threshold")), Integer.parseInt(header.get("shares")),
                List.copyOf(lines));
    }

    @Override
    public String toString() {
        return "t=" + threshold + " n=" + shares + " key=" + HexFormat.of().formatHex(rootKey).substring(0, 8) + "…";
    }
}
