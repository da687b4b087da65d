package ist.spike.common.wire.operator;

import ist.spike.common.wire.Shard;

/**
 * {@code POST /v1/operator/restore}: one shard, {@code {"id":n,"shard":[32 ints]}}.
 *
 * @param id the shard's Shamir x-coordinate (route check: 1..SPIKE_NEXUS_SHAMIR_MAX_SHARE_COUNT)
 * @param shard null when absent or JSON null (Go {@code *[32]byte}); the route refuses it
 */
public record RestoreRequest(int id, Shard shard) {}
