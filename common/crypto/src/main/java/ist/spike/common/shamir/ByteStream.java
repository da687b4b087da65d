package ist.spike.common.shamir;

/** A source of bytes read in order, like Go's io.Reader under io.ReadFull. */
interface ByteStream {
    /** Fills {@code out} completely with the next bytes of the stream. */
    void readFully(byte[] out);
}
