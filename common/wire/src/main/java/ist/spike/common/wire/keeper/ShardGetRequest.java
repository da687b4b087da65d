package ist.spike.common.wire.keeper;

/** Keeper {@code POST /v1/store/shard}: the body is {@code {}}. */
public record ShardGetRequest() {
    public static final ShardGetRequest INSTANCE = new ShardGetRequest();
}
