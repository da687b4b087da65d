package ist.spike.common.mem;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** The two libc calls memory hardening needs (Linux). */
interface LibC extends Library {
    int MCL_CURRENT = 1;
    int MCL_FUTURE = 2;
    /** Lock pages when first touched, not all at once: otherwise the whole reserved heap becomes resident. */
    int MCL_ONFAULT = 4;

    int PR_GET_DUMPABLE = 3;
    int PR_SET_DUMPABLE = 4;

    int mlockall(int flags) throws LastErrorException;

    int prctl(int option, long arg2, long arg3, long arg4, long arg5) throws LastErrorException;

    /** Loads libc; throws {@link LinkageError} when JNA or libc is unavailable. */
    static LibC load() {
        return Native.load("c", LibC.class);
    }
}
