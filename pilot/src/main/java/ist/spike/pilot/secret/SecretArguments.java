package ist.spike.pilot.secret;

import ist.spike.common.validate.InputRules;
import ist.spike.pilot.command.UsageException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Client-side checks, so an obviously bad command never reaches Nexus. */
final class SecretArguments {
    private SecretArguments() {}

    static String path(String path) {
        if (!InputRules.isValidSecretPath(path)) {
            throw new UsageException("invalid secret path '" + path + "'");
        }
        return path;
    }

    /**
     * key=value pairs, split on the first '='; any malformed pair fails the whole command. As in Vault's
     * CLI, a value {@code @FILE} is that file's contents, a value {@code -} is all of standard input (once
     * per command), and {@code \@...} is a value that starts with '@'. Files and standard input must be
     * UTF-8 and are taken byte for byte, trailing newline included.
     */
    static Map<String, String> pairs(List<String> args, InputStream stdin) {
        if (args == null || args.isEmpty()) {
            throw new UsageException("nothing to store: give at least one key=value pair");
        }
        Map<String, String> values = new TreeMap<>();
        boolean stdinUsed = false;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("invalid key-value pair '" + redact(arg) + "' (expected key=value)");
            }
            String key = arg.substring(0, eq);
            if (!InputRules.isValidSecretKey(key)) {
                throw new UsageException("invalid key '" + key + "' (letters, digits, '-', '_' and spaces; at most 250)");
            }
            String value = arg.substring(eq + 1);
            if (value.equals("-")) {
                if (stdinUsed) {
                    throw new UsageException("standard input can give only one value (key '" + key + "')");
                }
                stdinUsed = true;
                value = SecretValueFiles.stdin(stdin, key);
            } else if (value.startsWith("@")) {
                value = SecretValueFiles.file(value.substring(1), key);
            } else if (value.startsWith("\\@")) {
                value = value.substring(1);
            }
            values.put(key, value);
        }
        return values;
    }

    /** "1,2,3" to versions; 0 means the current version. */
    static List<Integer> versions(String csv) {
        List<Integer> versions = new ArrayList<>();
        for (String part : csv.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int version;
            try {
                version = Integer.parseInt(trimmed);
            } catch (NumberFormatException e) {
                throw new UsageException("invalid version '" + trimmed + "' (expected a whole number >= 0)");
            }
            if (version < 0) {
                throw new UsageException("invalid version '" + trimmed + "' (expected a whole number >= 0)");
            }
            versions.add(version);
        }
        return versions;
    }

    /** A malformed pair may still be a secret value: show only a short prefix. */
    private static String redact(String arg) {
        return arg.length() <= 3 ? arg : arg.substring(0, 3) + "...";
    }
}
