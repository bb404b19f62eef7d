export * from './taxonomy.js';
export * from './report.js';
export * from './schema.js';
export type { Finding, JsonLogic, Rule, RuleSet, Severity } from './rules/types.js';
export { compile, RuleCompileError, type Compiled } from './rules/compile.js';
export { textNumber, textSimilarity, customOperations } from './rules/operations.js';
export { generateRules } from './rules/generate.js';
export * from './rules/engine.js';
export * from './export/index.js';
