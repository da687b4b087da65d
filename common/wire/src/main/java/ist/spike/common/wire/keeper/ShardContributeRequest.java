package ist.spike.common.wire.keeper;

import ist.spike.common.wire.Shard;

/**
 * Keeper {@code POST /v1/store/contribute} (upstream {@code ShardPutRequest}): {@code {"shard":[32 ints]}}.
 *
 * @param shard null when absent or JSON null (Go {@code *[32]byte}); the keeper answers 400 then
 */
public record ShardContributeRequest(Shard shard) {}
