import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Usage: java CliClassPath.java LIB_DIR
 *
 * <p>Writes LIB_DIR/spike-cli.jar: spike.jar and the libraries on its class path merged into one jar,
 * without those the CLI loads only in FIPS mode (Bouncy Castle FIPS, which must stay a signed jar of its
 * own) or with a Workload API over TCP (gRPC, Netty, protobuf, Guava). The first time anything in a JVM
 * asks for a service or a resource (security event logging, NIO, a CLI run does both), the JDK opens
 * every jar on the class path, at a cost per jar in a fresh JVM (docs/performance.md).
 * dist/bin/spike runs spike-cli.jar, and appends spike.jar (the full class path) when it needs the rest.
 * The original jars stay in dist/lib, with their licences.
 */
public final class CliClassPath {
    private static final List<String> ONLY_FOR_FIPS_OR_GRPC = List.of(
            "bc-fips-", "bcpkix-fips-", "bcutil-fips-", "bctls-fips-",
            "grpc-", "netty", "protobuf-", "proto-google-", "guava-", "failureaccess-", "listenablefuture-",
            "perfmark-", "gson-", "annotations-4", "error_prone_annotations-", "jsr305-", "j2objc-annotations-",
            "animal-sniffer-annotations-", "jspecify-");
    private static final String SERVICES = "META-INF/services/";

    public static void main(String[] args) throws IOException {
        Path lib = Path.of(args[0]);
        Attributes spike;
        try (JarFile jar = new JarFile(lib.resolve("spike.jar").toFile())) {
            spike = jar.getManifest().getMainAttributes();
        }
        String[] classPath = spike.getValue(Attributes.Name.CLASS_PATH).trim().split("\\s+");
        List<String> kept = new ArrayList<>(List.of("spike.jar"));
        for (String entry : classPath) {
            if (ONLY_FOR_FIPS_OR_GRPC.stream().noneMatch(entry::startsWith)) {
                kept.add(entry);
            }
        }

        // spike.jar's manifest (main class, version, native access), without its class path.
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.putAll(spike);
        attributes.remove(Attributes.Name.CLASS_PATH);
        attributes.put(Attributes.Name.MULTI_RELEASE, "true");
        attributes.putValue("Merged-Jars", String.join(" ", kept));

        Set<String> written = new TreeSet<>();
        Map<String, ByteArrayOutputStream> services = new LinkedHashMap<>();
        try (OutputStream out = Files.newOutputStream(lib.resolve("spike-cli.jar"));
                JarOutputStream merged = new JarOutputStream(out, manifest)) {
            written.add("META-INF/");
            written.add(JarFile.MANIFEST_NAME);
            for (String name : kept) {
                try (JarFile jar = new JarFile(lib.resolve(name).toFile())) {
                    if (jar.stream().anyMatch(e -> e.getName().endsWith(".SF"))) {
                        throw new IllegalStateException(name + " is signed; it cannot be merged");
                    }
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        JarEntry entry = entries.nextElement();
                        String entryName = entry.getName();
                        try (InputStream in = jar.getInputStream(entry)) {
                            if (entryName.startsWith(SERVICES) && !entry.isDirectory()) {
                                // Several jars may provide the same service: the merged file lists all.
                                ByteArrayOutputStream lines = services.computeIfAbsent(entryName, k -> new ByteArrayOutputStream());
                                lines.writeBytes(in.readAllBytes());
                                lines.write('\n');
                            } else if (written.add(entryName)) {
                                // Otherwise the first jar wins, as on the class path.
                                merged.putNextEntry(new JarEntry(entryName));
                                in.transferTo(merged);
                                merged.closeEntry();
                            }
                        }
                    }
                }
            }
            for (var service : services.entrySet()) {
                merged.putNextEntry(new JarEntry(service.getKey()));
                service.getValue().writeTo(merged);
                merged.closeEntry();
            }
        }
        System.out.println("spike-cli.jar: " + kept.size() + " of " + (classPath.length + 1) + " jars merged, "
                + (written.size() + services.size()) + " entries");
    }
}
