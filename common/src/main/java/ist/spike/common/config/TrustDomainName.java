package ist.spike.common.config;

import java.util.regex.Pattern;

/** The SPIFFE trust domain name rule: 1-255 of lowercase letters, digits, '.', '-', '_'. */
public final class TrustDomainName {
    static final String RULE = "expected 1-255 lowercase letters, digits, '.', '-', '_'";

    private static final Pattern VALID = Pattern.compile("[a-z0-9._-]{1,255}");

    private TrustDomainName() {}

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
