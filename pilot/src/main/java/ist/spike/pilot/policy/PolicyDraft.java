package ist.spike.pilot.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import ist.spike.common.validate.InputRules;
import ist.spike.pilot.command.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy as the operator writes it (flags or a YAML file), checked on this side with the rules Nexus
 * applies, so an obvious mistake never reaches the server. Regex syntax is left to Nexus.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record PolicyDraft(String name, String spiffeidPattern, String pathPattern, List<String> permissions) {
    static final String PERMISSION_HELP = "read, write, list, execute, super";

    /** From the four flags; {@code permissions} comma-separated. Missing flags are named in one line. */
    static PolicyDraft fromFlags(String name, String spiffeidPattern, String pathPattern, String permissions) {
        List<String> missing = new ArrayList<>();
        if (isBlank(name)) {
            missing.add("--name");
        }
        if (isBlank(pathPattern)) {
            missing.add("--path-pattern");
        }
        if (isBlank(spiffeidPattern)) {
            missing.add("--spiffeid-pattern");
        }
        if (isBlank(permissions)) {
            missing.add("--permissions");
        }
        if (!missing.isEmpty()) {
            throw new UsageException("All flags are required (missing: " + String.join(", ", missing) + ").");
        }
        return new PolicyDraft(name, spiffeidPattern, pathPattern, splitPermissions(permissions)).checked();
    }

    static List<String> splitPermissions(String csv) {
        List<String> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            if (!part.trim().isEmpty()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** This draft, if every field follows Nexus's input rules; else a usage error naming the field. */
    PolicyDraft checked() {
        List<String> missing = new ArrayList<>();
        if (isBlank(name)) {
            missing.add("name");
        }
        if (isBlank(spiffeidPattern)) {
            missing.add("spiffeidPattern");
        }
        if (isBlank(pathPattern)) {
            missing.add("pathPattern");
        }
        if (permissions == null || permissions.isEmpty()) {
            missing.add("permissions");
        }
        if (!missing.isEmpty()) {
            throw new UsageException("All fields are required (missing: " + String.join(", ", missing) + ").");
        }
        if (!InputRules.isValidPolicyName(name)) {
            throw new UsageException("invalid policy name '" + name
                    + "' (letters, digits, '-', '_' and spaces; at most 250)");
        }
        if (!InputRules.isValidSpiffeIdPattern(spiffeidPattern)) {
            throw new UsageException("invalid SPIFFE ID pattern '" + spiffeidPattern
                    + "' (must start with spiffe:// or ^spiffe://)");
        }
        if (!InputRules.isValidPathPattern(pathPattern)) {
            throw new UsageException("invalid path pattern '" + pathPattern + "'");
        }
        for (String permission : permissions) {
            if (!InputRules.isValidPermission(permission)) {
                throw new UsageException("invalid permission '" + permission + "' (expected " + PERMISSION_HELP + ")");
            }
        }
        return this;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
