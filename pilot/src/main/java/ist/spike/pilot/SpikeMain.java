package ist.spike.pilot;

/** Placeholder entry point. */
public final class SpikeMain {
    public static void main(String[] args) {
        System.out.println("usage: pilot");
    }
}
