/** Thrown for an expression the engine cannot run (unknown operation, wrong shape, a pattern outside the syntax). */
export class RuleCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleCompileError';
  }
}
