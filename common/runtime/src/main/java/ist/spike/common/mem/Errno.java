package ist.spike.common.mem;

import com.sun.jna.LastErrorException;

/** errno names for the few codes these calls return, so logs say ENOMEM rather than 12. */
final class Errno {
    private Errno() {}

    static final int EPERM = 1;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EINVAL = 22;

    /** For example {@code ENOMEM [12] Cannot allocate memory}. */
    static String describe(LastErrorException e) {
        String name = switch (e.getErrorCode()) {
            case EPERM -> "EPERM";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EINVAL -> "EINVAL";
            default -> "errno";
        };
        return name + " " + e.getMessage();
    }
}
