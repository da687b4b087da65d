package ist.spike.pilot.operator;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Nexus's RFC 3339 times as {@code spike secret metadata get} shows times: local, to the second, with the zone. */
public final class HumanTime {
    private final DateTimeFormatter format;

    public HumanTime(ZoneId zone) {
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz").withZone(zone);
    }

    /** {@code absent} when Nexus sent none (""), the text as sent when it does not parse. */
    public String of(String rfc3339, String absent) {
        if (rfc3339.isEmpty()) {
            return absent;
        }
        try {
            return format.format(Instant.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return rfc3339;
        }
    }
}
