package ist.spike.devid;

/** Placeholder: the dev identity provider program. */
public final class DevIdentityMain {
    public static void main(String[] args) {
        System.out.println("usage: spike-dev-identity --dir DIR");
    }
}
