package ist.spike.nexus.secret;

import java.util.Comparator;

/**
 * Lexicographic order by Unicode code point, which is the UTF-8 byte order upstream's Go
 * {@code sort.Strings} and SQLite's BINARY collation use. ({@link String#compareTo} compares UTF-16
 * units and differs for characters outside the Basic Multilingual Plane.)
 */
final class PathOrder {
    static final Comparator<String> CODE_POINT = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private PathOrder() {}
}
