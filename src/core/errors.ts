/**
 * Exit codes of the CLI, as fixed in DESIGN.md.
 * 0: every expectation met (or a replay reproduced); 1: a surprise; 2: bad usage or input.
 */
export const ExitCode = {
  ok: 0,
  surprise: 1,
  badInput: 2,
} as const;

/**
 * An error caused by what the user gave us (unknown model, bad parameter, malformed file).
 * The CLI prints its message as one line, without a stack trace, and exits with `exitCode`.
 */
export class UsageError extends Error {
  /** Exit code the CLI uses for this error. */
  readonly exitCode: number;

  constructor(message: string, exitCode: number = ExitCode.badInput) {
    super(message);
    this.name = 'UsageError';
    this.exitCode = exitCode;
  }
}

/**
 * A model that breaks the kernel's contract: it mutates its input, is not deterministic,
 * or returns something that is not a state. Reported like a usage error (exit 2): the
 * model, not the design under test, is at fault.
 */
export class ModelContractError extends UsageError {
  constructor(message: string) {
    super(message, ExitCode.badInput);
    this.name = 'ModelContractError';
  }
}
