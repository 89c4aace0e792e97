import type { ModelDefinition } from '../src/core/model.ts';
import { capModel } from './cap/cap.ts';
import { compactionModel } from './compaction/compaction.ts';
import { consumerGroupModel } from './consumer-group/consumer-group.ts';
import { crossShardModel } from './cross-shard/cross-shard.ts';
import { dieHardModel } from './die-hard/die-hard.ts';
import { hashRingModel } from './hash-ring/hash-ring.ts';
import { mapReduceModel } from './mapreduce/mapreduce.ts';
import { partitionedLogModel } from './partitioned-log/partitioned-log.ts';
import { quorumRegisterModel } from './quorum-register/quorum-register.ts';
import { quorumStoreModel } from './quorum-store/quorum-store.ts';
import { reshardingModel } from './resharding/resharding.ts';
import { streamProcessingModel } from './stream-processing/stream-processing.ts';
import { ringMembershipModel } from './ring-membership/ring-membership.ts';
import { tcommitModel } from './tcommit/tcommit.ts';
import { transactionsModel } from './transactions/transactions.ts';
import { twoPhaseCommitModel } from './two-phase-commit/two-phase-commit.ts';
import { replicationModel } from './replication/replication.ts';

/**
 * Every model family `faultline` knows, in the order `list` and `check --all` show them.
 * A new family is one file under models/<family>/ and one line here.
 */
export const catalog: readonly ModelDefinition[] = [
  twoPhaseCommitModel,
  tcommitModel,
  dieHardModel,
  partitionedLogModel,
  quorumStoreModel,
  capModel,
  quorumRegisterModel,
  replicationModel,
  hashRingModel,
  crossShardModel,
  reshardingModel,
  ringMembershipModel,
  consumerGroupModel,
  transactionsModel,
  compactionModel,
  mapReduceModel,
  streamProcessingModel,
];
