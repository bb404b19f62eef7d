/** Thrown for an expression the engine cannot run (unknown operation, wrong shape, a pattern outside the syntax). */
export class RuleCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleCompileError';
  }
}

/**
 * The rule packs `parseRulePack` accepted, by identity: the engine runs only those (a pack
 * built by hand must be checked first), without loading the parser itself.
 */
export const checkedPacks = new WeakSet<object>();
