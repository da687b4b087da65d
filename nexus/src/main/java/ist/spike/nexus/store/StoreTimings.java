package ist.spike.nexus.store;

/** Told how long each store transaction took (the metrics keep it); must be cheap and never throw. */
public interface StoreTimings {
    StoreTimings NONE = new StoreTimings() {
        @Override
        public void read(long nanos) {}

        @Override
        public void write(long nanos) {}
    };

    void read(long nanos);

    void write(long nanos);
}
