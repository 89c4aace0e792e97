import { freemem, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { Progress, StopReason } from '../core/result.ts';
import type { ExploreOptions } from './engine.ts';

/**
 * Watches time and memory for an engine; `check()` is cheap enough to call every few thousand
 * states and returns the reason to stop, if any.
 */
export class Budget {
  readonly started = performance.now();
  private lastProgress = this.started;
  private lastMemory = this.started;
  private readonly deadline: number;
  private readonly maxRssBytes: number;

  constructor(private readonly options: ExploreOptions) {
    this.deadline = options.timeoutMs !== undefined ? this.started + options.timeoutMs : Infinity;
    this.maxRssBytes = (options.maxMemoryMb ?? defaultMemoryLimitMb()) * 1024 * 1024;
  }

  /** Milliseconds since the start. */
  elapsed(): number {
    return performance.now() - this.started;
  }

  /**
   * Returns why to stop now, or null; reports progress about once a second. Reading the clock is
   * cheap; memory (a system call) is read at most every 100 ms.
   */
  check(progress: () => Progress): StopReason | null {
    const now = performance.now();
    if (now > this.deadline) return 'timeout';
    if (this.options.interrupt?.requested) return 'interrupted';
    if (this.options.onProgress && now - this.lastProgress >= 1000) {
      this.lastProgress = now;
      this.options.onProgress(progress());
    }
    if (now - this.lastMemory >= 100) {
      this.lastMemory = now;
      const memory = process.memoryUsage();
      if (memory.rss > this.maxRssBytes || memory.heapUsed > heapLimitBytes * 0.92) return 'memory';
    }
    return null;
  }
}

const heapLimitBytes = getHeapStatistics().heap_size_limit;

/** Most memory a search may use when not told (`--max-memory`): well below the machine's. */
const DEFAULT_MEMORY_CAP_MB = 8192;

/**
 * The memory guard when none is given: half the machine's memory, at most
 * {@link DEFAULT_MEMORY_CAP_MB}, and no more than 90% of what is free now.
 */
export function defaultMemoryLimitMb(): number {
  const mb = 1024 * 1024;
  const free = (freemem() + process.memoryUsage().rss) * 0.9;
  return Math.floor(Math.min(totalmem() / 2, free, DEFAULT_MEMORY_CAP_MB * mb) / mb);
}
