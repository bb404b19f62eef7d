/**
 * Compiles JSON-logic into closures once, so that checking a report is a walk over
 * prepared functions: no parsing per evaluation, and no eval/new Function (strict CSP).
 * The semantics follow json-logic-js for every operation implemented here (the tests
 * compare both on random reports).
 */
import { RuleCompileError } from './errors.js';
import { type SimilarityComparison, customOperations, textCountUpTo, textNumberJoined, textSimilarityCompare } from './operations.js';
import { compileCountPattern, compilePattern } from './pattern.js';
import type { JsonLogic } from './types.js';

export { RuleCompileError };

/**
 * What one expression may hold: rules come from files (rule packs) as well as from this
 * package, and compiling must end in a closure or a {@link RuleCompileError}, never in a
 * stack overflow or an exponential walk (an object graph that shares subtrees).
 */
export const ruleLimits = {
  /** Levels of operations and lists inside one another (the built-in rules use 9). */
  depth: 64,
  /** Operations, lists and values in one expression, shared subtrees counted each time (the built-in rules use at most 877). */
  nodes: 100_000,
} as const;

/** A compiled expression: evaluates against some data. */
export type Compiled = (data: unknown) => unknown;

/**
 * What internal closures evaluate against: the data, and (for the engine) the report's
 * cell values read once into an array. Reading 200 cells from nested objects costs more
 * than all the arithmetic (every lookup site sees many object shapes), so the engine reads
 * each cell once per check and the rules read the array.
 */
export interface Scope {
  data: unknown;
  cells: readonly unknown[];
  /** Last year's report, read by `prev.…` paths when the engine evaluates (no merged copy per check). */
  prev?: unknown;
  /**
   * Values of the text operations evaluated so far against this scope, by the slot their
   * expression has in the {@link MemoSlots} it was compiled with (one fresh array per
   * evaluation): the rules join the sections and search them for figures several times each.
   */
  memo?: unknown[];
}
type Fn = (scope: Scope) => unknown;

/**
 * Slots of the memoised expressions, by the expression written out: compiling several
 * expressions with one of these makes the same text operation (`cat`, `textNumber`) in any
 * of them one slot of `Scope.memo`, evaluated once per scope. An expression's value depends
 * on the scope alone (no operation here evaluates a part against other data, as JSON-logic's
 * map or filter would), so sharing it is only ever a saving.
 */
export type MemoSlots = Map<string, number>;

/** Cell paths read from `Scope.cells` in the compile under way (set by {@link compileWithCells}). */
let cellSlots: ReadonlyMap<string, number> | undefined;
/** Memo slots of the compile under way. */
let memoSlots: MemoSlots | undefined;

/**
 * The expression `{op: args}` written out exactly (an injective key), or undefined for what
 * JSON has no words for (functions, symbols, bigints, cycles, objects with a prototype of
 * their own): those are not memoised. Runs after the arguments compiled, so within limits.
 */
function memoKey(op: string, args: readonly JsonLogic[]): string | undefined {
  const parts: string[] = [JSON.stringify(op)];
  const seen = new Set<object>();
  const write = (v: unknown): boolean => {
    if (v === null || typeof v === 'boolean') parts.push(String(v));
    else if (v === undefined) parts.push('u');
    else if (typeof v === 'number') parts.push(Object.is(v, -0) ? '-0' : String(v));
    else if (typeof v === 'string') parts.push(JSON.stringify(v));
    else if (Array.isArray(v)) {
      if (seen.has(v)) return false;
      seen.add(v);
      parts.push('[');
      for (let i = 0; i < v.length; i++) if (!write(v[i])) return false;
      parts.push(']');
      seen.delete(v);
    } else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      if (seen.has(v)) return false;
      seen.add(v);
      parts.push('{');
      for (const k of Object.keys(v)) {
        parts.push(JSON.stringify(k));
        if (!write((v as Record<string, unknown>)[k])) return false;
      }
      parts.push('}');
      seen.delete(v);
    } else return false;
    return true;
  };
  return write(args) ? parts.join(' ') : undefined;
}

/** `f`, evaluated once per scope when the compile under way shares memo slots. */
function memoised(op: string, args: readonly JsonLogic[], f: Fn): Fn {
  if (!memoSlots) return f;
  const key = memoKey(op, args);
  if (key === undefined) return f;
  let slot = memoSlots.get(key);
  if (slot === undefined) memoSlots.set(key, (slot = memoSlots.size));
  const i = slot;
  return (d) => {
    const m = d.memo;
    if (m === undefined) return f(d);
    let v = m[i];
    // Never undefined once evaluated: cat gives a string, textNumber a number or null.
    if (v === undefined) m[i] = v = f(d);
    return v;
  };
}

// JSON-logic truthiness: an empty array is false. Booleans first: most values tested are.
const truthy = (v: unknown): boolean => (typeof v === 'boolean' ? v : Array.isArray(v) ? v.length > 0 : Boolean(v));
// json-logic-js coerces with parseFloat for arithmetic.
const num = (v: unknown): number => (typeof v === 'number' ? v : Number.parseFloat(v as string));

function compileVar(args: JsonLogic[]): Fn {
  const [pathArg, fallbackArg] = args;
  const fallback = fallbackArg === undefined ? null : fallbackArg;
  if (typeof pathArg !== 'string' && typeof pathArg !== 'number' && pathArg !== null && pathArg !== undefined) {
    const path = compileNode(pathArg);
    return (s) => lookup(s.data, String(path(s) ?? ''), fallback);
  }
  const p = pathArg === null || pathArg === undefined ? '' : String(pathArg);
  if (p === '') return (s) => s.data;
  const slot = cellSlots?.get(p);
  if (slot !== undefined) {
    return (s) => {
      const v = s.cells[slot];
      return v === undefined ? fallback : v;
    };
  }
  let keys = p.split('.');
  let root: (s: Scope) => unknown = (s) => s.data;
  if (cellSlots && keys[0] === 'prev') {
    if (keys.length === 1) return (s) => s.prev ?? fallback;
    keys = keys.slice(1);
    root = (s) => s.prev;
  }
  // Unrolled accessors for the depths of cell ids (3 and 4): the hot path of every check.
  if (keys.length <= 4) {
    const [k0, k1, k2, k3] = keys as [string, string?, string?, string?];
    const step = (v: unknown, k: string): unknown => (v === null || v === undefined ? undefined : (v as Record<string, unknown>)[k]);
    return (s) => {
      let v = step(root(s), k0);
      if (v === undefined) return fallback;
      if (k1 === undefined) return v;
      v = step(v, k1);
      if (v === undefined) return fallback;
      if (k2 === undefined) return v;
      v = step(v, k2);
      if (v === undefined) return fallback;
      if (k3 === undefined) return v;
      v = step(v, k3);
      return v === undefined ? fallback : v;
    };
  }
  return (s) => walk(root(s), keys, fallback);
}

/** The cell slot a `{"var": "<cell id>"}` (no fallback) reads, when compiling for the engine. */
function slotOf(e: JsonLogic | undefined): number | undefined {
  if (!cellSlots || !e || typeof e !== 'object' || Array.isArray(e)) return undefined;
  const keys = Object.keys(e);
  if (keys.length !== 1 || keys[0] !== 'var') return undefined;
  const arg = (e as { var: JsonLogic }).var;
  const path = Array.isArray(arg) ? (arg.length === 1 ? arg[0] : undefined) : arg;
  return typeof path === 'string' ? cellSlots.get(path) : undefined;
}

function walk(data: unknown, keys: readonly string[], fallback: unknown): unknown {
  let v = data;
  for (let i = 0; i < keys.length; i++) {
    if (v === null || v === undefined) return fallback;
    v = (v as Record<string, unknown>)[keys[i] as string];
    if (v === undefined) return fallback;
  }
  return v;
}

function lookup(data: unknown, path: string, fallback: unknown): unknown {
  return path === '' ? data : walk(data, path.split('.'), fallback);
}

type Factory = (args: Fn[], raw: JsonLogic[]) => Fn;

const isLiteral = (e: JsonLogic | undefined): boolean => e === null || typeof e !== 'object';

type Compare = (a: unknown, b: unknown) => boolean;
/* eslint-disable eqeqeq -- JSON-logic's == and != are JavaScript's loose equality */
// Each comparison written out once per operand shape, so the hot closures call no helper.
const comparisons: Record<string, [Compare, (a: Fn, lit: unknown) => Fn]> = {
  '==': [(a, b) => a == b, (a, lit) => (lit === null ? (d) => a(d) == null : (d) => a(d) == lit)],
  '===': [(a, b) => a === b, (a, lit) => (d) => a(d) === lit],
  '!=': [(a, b) => a != b, (a, lit) => (lit === null ? (d) => a(d) != null : (d) => a(d) != lit)],
  '!==': [(a, b) => a !== b, (a, lit) => (d) => a(d) !== lit],
  '<': [(a, b) => (a as number) < (b as number), (a, lit) => (d) => (a(d) as number) < (lit as number)],
  '<=': [(a, b) => (a as number) <= (b as number), (a, lit) => (d) => (a(d) as number) <= (lit as number)],
  '>': [(a, b) => (a as number) > (b as number), (a, lit) => (d) => (a(d) as number) > (lit as number)],
  '>=': [(a, b) => (a as number) >= (b as number), (a, lit) => (d) => (a(d) as number) >= (lit as number)],
};
/* eslint-enable eqeqeq */

/**
 * A cell test run over many cells: the positions in `slots` whose cell fails it (undefined when
 * none does), in order. The test is written in the loop: a call per cell to a test closure shared
 * by several runs stays a call (V8 does not inline it), a fifth of the rules' time.
 */
export type CellSweep = (cells: readonly unknown[], slots: Int32Array) => number[] | undefined;

/**
 * Of a compiled condition that tests one cell's value and nothing else (a `blank-cell` or a
 * fused `cell.type` rule): its slot, its test as a {@link CellSweep}, and a key that is the same
 * exactly when the test is (its shape and limits). The engine runs a run of such rules as one sweep.
 */
export const cellTests = new WeakMap<Fn, { slot: number; key: string; sweep: CellSweep }>();
const sweepNotBlank: CellSweep = (cells, slots) => {
  let failed: number[] | undefined;
  // eslint-disable-next-line eqeqeq -- JSON-logic's != is loose: a missing cell is null too
  for (let k = 0; k < slots.length; k++) if (cells[slots[k] as number] == null) (failed ??= []).push(k);
  return failed;
};

/** The compiled arguments of each compiled `textSimilarity`, for a comparison to take it over. */
const similarityArgs = new WeakMap<Fn, Fn[]>();
const mirrored: Record<SimilarityComparison, SimilarityComparison> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * `{"<": [{"textSimilarity": …}, 0.9]}` (any order, any of < <= > >=, a number literal): the
 * comparison alone is needed, and most texts are settled far from the threshold without counting
 * every bigram (see `textSimilarityCompare`), with exactly the result of the plain comparison.
 */
function similarityComparison(op: string, args: readonly Fn[], raw: readonly JsonLogic[]): Fn | undefined {
  if (!(op in mirrored) || args.length !== 2) return undefined;
  const [first, second] = args as [Fn, Fn];
  const literalFirst = typeof raw[0] === 'number';
  const sim = similarityArgs.get(literalFirst ? second : first);
  const threshold = literalFirst ? raw[0] : raw[1];
  if (!sim || typeof threshold !== 'number') return undefined;
  const [a, b, m] = sim as [Fn, Fn, Fn | undefined];
  const compare = literalFirst ? mirrored[op as SimilarityComparison] : (op as SimilarityComparison);
  return (d) => textSimilarityCompare(a(d), b(d), m ? m(d) : 0, compare, threshold);
}

/** The compiled text and the pattern of each compiled `textCount`, for a comparison to cap it. */
const countArgs = new WeakMap<Fn, { text: Fn; pattern: string }>();
/** Of a compiled `cat`, its parts as it writes them, for a textNumber that searches them without joining them. */
const catParts = new WeakMap<Fn, (scope: Scope) => string[]>();
/** A value as `cat` writes it (as Array.prototype.join: nothing for null and undefined). */
const catPart = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const compareNumbers: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  // eslint-disable-next-line eqeqeq -- JSON-logic's == is loose; both sides are numbers here
  '==': (a, b) => a == b,
  '===': (a, b) => a === b,
  // eslint-disable-next-line eqeqeq
  '!=': (a, b) => a != b,
  '!==': (a, b) => a !== b,
};

/**
 * `{">": [{"textCount": …}, 0]}` (any comparison, either order, a number literal k): the count
 * is compared with k, so counting past floor(k) + 1 matches changes nothing — min(count,
 * floor(k) + 1) compares with k as the count does. A rule asking "is it mentioned" stops at the
 * first match.
 */
function countComparison(op: string, args: readonly Fn[], raw: readonly JsonLogic[]): Fn | undefined {
  const compare = compareNumbers[op];
  if (!compare || args.length !== 2) return undefined;
  const literalFirst = typeof raw[0] === 'number';
  const count = countArgs.get((literalFirst ? args[1] : args[0]) as Fn);
  const k = literalFirst ? raw[0] : raw[1];
  if (!count || typeof k !== 'number' || !Number.isFinite(k)) return undefined;
  const cap = Math.max(0, Math.floor(k) + 1);
  const { text, pattern } = count;
  return literalFirst
    ? (d) => compare(k, textCountUpTo(text(d), pattern, cap))
    : (d) => compare(textCountUpTo(text(d), pattern, cap), k);
}

function comparison(op: string): Factory {
  // (`op` is also read by the slot fast paths below.)
  const [f, withLiteral] = comparisons[op] as [Compare, (a: Fn, lit: unknown) => Fn];
  return (args, raw) => {
    const [a, b, c] = args as [Fn, Fn, Fn | undefined];
    const similarity = similarityComparison(op, args, raw) ?? countComparison(op, args, raw);
    if (similarity) return similarity;
    if (c) {
      return (d) => {
        const y = b(d);
        return f(a(d), y) && f(y, c(d));
      };
    }
    if (isLiteral(raw[1])) {
      // A cell against a literal, the shape of the per-cell rules: read the slot in place.
      const i = slotOf(raw[0]);
      const lit = raw[1];
      if (i !== undefined) {
        if (op === '==' && lit === null) return (d) => d.cells[i] == null; // eslint-disable-line eqeqeq
        if (op === '!=' && lit === null) {
          const f: Fn = (d) => d.cells[i] != null; // eslint-disable-line eqeqeq
          cellTests.set(f, { slot: i, key: '!= null', sweep: sweepNotBlank });
          return f;
        }
        if (op === '>=') return (d) => ((d.cells[i] ?? null) as number) >= (lit as number);
      }
      return withLiteral(a, lit);
    }
    return (d) => f(a(d), b(d));
  };
}

/** The pattern a text operation takes: part of the rule, checked here (syntax and limits: pattern.ts). */
function rulePattern(op: string, raw: readonly JsonLogic[], check: (source: string) => unknown): string {
  const pattern = raw[1];
  if (typeof pattern !== 'string') throw new RuleCompileError(`"${op}" takes its pattern as a string${at()}`);
  try {
    check(pattern);
  } catch (e) {
    throw e instanceof RuleCompileError ? new RuleCompileError(`${e.message}${at()}`) : e;
  }
  return pattern;
}

const binary =
  (f: (a: unknown, b: unknown) => unknown): Factory =>
  (args) => {
    const [a, b] = args as [Fn, Fn];
    return (d) => f(a(d), b(d));
  };

/** `{"or": [{"var": path}, 0]}`: how the rules read a cell that counts as 0 when blank. */
function coalescedVar(e: JsonLogic | undefined): Fn | undefined {
  if (!e || typeof e !== 'object' || Array.isArray(e) || !('or' in e)) return undefined;
  const args = e.or;
  if (!Array.isArray(args) || args.length !== 2 || args[1] !== 0) return undefined;
  const v = args[0];
  if (!v || typeof v !== 'object' || Array.isArray(v) || !('var' in v) || Object.keys(v).length !== 1) return undefined;
  return compileNode(v);
}

/** `{"op": [args…]}`'s arguments when `e` is exactly that one operation, else undefined. */
function argsOf(e: JsonLogic | undefined, op: string, count: number): JsonLogic[] | undefined {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return undefined;
  const keys = Object.keys(e);
  const args = (e as Record<string, JsonLogic>)[op];
  return keys.length === 1 && keys[0] === op && Array.isArray(args) && args.length === count ? args : undefined;
}

/**
 * The `cell.type` rule of each cell (200 of a check's 255 error rules), `{"or": [{"==": [cell,
 * null]}, {"and": [{"<=": [lo, cell, hi]}, {"==": [{"%": [cell, 1]}, 0]}]}]}` (blank, or a whole
 * number in range), as one closure instead of eight: the same comparisons, in the same order,
 * with the same coercions, and like the plain compilation it gives a boolean.
 */
function cellTypeCheck(raw: readonly JsonLogic[]): Fn | undefined {
  if (raw.length !== 2) return undefined;
  const blank = argsOf(raw[0], '==', 2);
  const both = argsOf(raw[1], 'and', 2);
  const range = argsOf(both?.[0], '<=', 3);
  const whole = argsOf(both?.[1], '==', 2);
  const mod = argsOf(whole?.[0], '%', 2);
  if (!blank || blank[1] !== null || !range || !whole || whole[1] !== 0 || !mod || mod[1] !== 1) return undefined;
  const i = slotOf(blank[0]);
  const [lo, , hi] = range;
  if (i === undefined || slotOf(range[1]) !== i || slotOf(mod[0]) !== i || typeof lo !== 'number' || typeof hi !== 'number') return undefined;
  const sweep: CellSweep = (cells, slots) => {
    let failed: number[] | undefined;
    for (let k = 0; k < slots.length; k++) {
      const v = cells[slots[k] as number];
      // A number (most cells) is whole as `% 1 == 0` says, without the floating-point remainder
      // V8 turns to for every cell once one held a fraction (measured: twice the time).
      const holds =
        typeof v === 'number'
          ? lo <= v && v <= hi && Number.isInteger(v)
          : // eslint-disable-next-line eqeqeq -- JSON-logic's == is loose, and so is its % (ToNumber)
            v == null || (lo <= (v as number) && (v as number) <= hi && Number(v) % 1 == 0);
      if (!holds) (failed ??= []).push(k);
    }
    return failed;
  };
  const own = Int32Array.of(i);
  const f: Fn = (d) => sweep(d.cells, own) === undefined;
  cellTests.set(f, { slot: i, key: `whole in ${lo}..${hi}`, sweep });
  return f;
}

const orN =
  (args: Fn[]): Fn =>
  (d) => {
    let v: unknown;
    for (const a of args) {
      v = a(d);
      if (truthy(v)) return v;
    }
    return v;
  };
const andN =
  (args: Fn[]): Fn =>
  (d) => {
    let v: unknown;
    for (const a of args) {
      v = a(d);
      if (!truthy(v)) return v;
    }
    return v;
  };

/** min and max over the arguments, with Math.min/max's coercion (ToNumber) and NaN. */
function extreme(args: readonly Fn[], d: Scope, better: (a: number, b: number) => boolean): number {
  let out = args.length ? Number.NaN : better(1, 0) ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  for (let i = 0; i < args.length; i++) {
    const v = Number((args[i] as Fn)(d));
    if (Number.isNaN(v)) return Number.NaN;
    if (i === 0 || better(v, out)) out = v;
  }
  return out;
}

const operationTable: Record<string, Factory> = {
  '==': comparison('=='),
  '===': comparison('==='),
  '!=': comparison('!='),
  '!==': comparison('!=='),
  '<': comparison('<'),
  '<=': comparison('<='),
  '>': comparison('>'),
  '>=': comparison('>='),
  '!': (args) => {
    const a = args[0] as Fn;
    return (d) => !truthy(a(d));
  },
  '!!': (args) => {
    const a = args[0] as Fn;
    return (d) => truthy(a(d));
  },
  or: (args, raw) => {
    const cellType = cellTypeCheck(raw);
    if (cellType) return cellType;
    if (args.length === 2 && isLiteral(raw[1])) {
      const [a] = args as [Fn];
      const lit = raw[1];
      return (d) => {
        const v = a(d);
        return truthy(v) ? v : lit;
      };
    }
    if (args.length === 2) {
      const [a, b] = args as [Fn, Fn];
      return (d) => {
        const v = a(d);
        return truthy(v) ? v : b(d);
      };
    }
    return orN(args);
  },
  and: (args) => {
    if (args.length === 2) {
      const [a, b] = args as [Fn, Fn];
      return (d) => {
        const v = a(d);
        return truthy(v) ? b(d) : v;
      };
    }
    return andN(args);
  },
  if: (args) => (d) => {
    let i = 0;
    for (; i < args.length - 1; i += 2) if (truthy((args[i] as Fn)(d))) return (args[i + 1] as Fn)(d);
    return i === args.length - 1 ? (args[i] as Fn)(d) : null;
  },
  '+': (args, raw) => {
    // A sum of cells (blank as 0) is fused into one loop: the bulk of the arithmetic rules.
    const slots = raw.map((e) => (e && typeof e === 'object' && !Array.isArray(e) && 'or' in e && Array.isArray(e.or) && e.or.length === 2 && e.or[1] === 0 ? slotOf(e.or[0]) : undefined));
    if (slots.length && slots.every((i) => i !== undefined)) {
      const idx = slots as number[];
      return (d) => {
        let sum = 0;
        for (let k = 0; k < idx.length; k++) {
          const v = d.cells[idx[k] as number];
          sum += truthy(v) ? num(v) : 0;
        }
        return sum;
      };
    }
    const cells = raw.map(coalescedVar);
    if (cells.every((c) => c !== undefined)) {
      const getters = cells as Fn[];
      return (d) => {
        let s = 0;
        for (let i = 0; i < getters.length; i++) {
          const v = (getters[i] as Fn)(d);
          s += truthy(v) ? num(v) : 0;
        }
        return s;
      };
    }
    if (args.length === 2) {
      const [a, b] = args as [Fn, Fn];
      return (d) => num(a(d)) + num(b(d));
    }
    return (d) => {
      let s = 0;
      for (const a of args) s += num(a(d));
      return s;
    };
  },
  '*': (args) => (d) => {
    let p = 1;
    for (const a of args) p *= num(a(d));
    return p;
  },
  '-': (args) => {
    const [a, b] = args as [Fn, Fn | undefined];
    // json-logic-js uses plain JS coercion here (null → 0), parseFloat only in + and *.
    return b ? (d) => Number(a(d)) - Number(b(d)) : (d) => -Number(a(d));
  },
  '/': binary((a, b) => Number(a) / Number(b)),
  '%': (args, raw) => {
    const [a, b] = args as [Fn, Fn];
    if (typeof raw[1] === 'number') {
      const m = raw[1];
      const i = slotOf(raw[0]);
      if (i !== undefined) return (d) => Number(d.cells[i] ?? null) % m;
      return (d) => Number(a(d)) % m;
    }
    return (d) => Number(a(d)) % Number(b(d));
  },
  // As json-logic-js's Math.min/max.apply, without spreading the arguments (which throws for a long list).
  min: (args) => (d) => extreme(args, d, (a, b) => a < b || (a === 0 && b === 0 && Object.is(a, -0))),
  max: (args) => (d) => extreme(args, d, (a, b) => a > b || (a === 0 && b === 0 && Object.is(b, -0))),
  cat: (args, raw) => {
    // The parts once per scope, for the joined text and for the textNumbers that search them.
    const parts = memoised('catParts', raw, (d) => args.map((a) => catPart(a(d)))) as (scope: Scope) => string[];
    const f = memoised('cat', raw, (d) => parts(d).join(''));
    catParts.set(f, parts);
    return f;
  },
  substr: (args) => {
    const [src, start, len] = args as [Fn, Fn, Fn | undefined];
    return (d) => {
      const s = String(src(d));
      const from = num(start(d));
      const begin = from < 0 ? Math.max(s.length + from, 0) : from;
      if (!len) return s.slice(begin);
      const l = num(len(d));
      return l < 0 ? s.slice(begin, l) : s.slice(begin, begin + l);
    };
  },
  in: binary((a, b) => {
    if (!b || typeof (b as { indexOf?: unknown }).indexOf !== 'function') return false;
    return (b as string | unknown[]).indexOf(a as string) !== -1;
  }),
  textNumber: (args, raw) => {
    const pattern = rulePattern('textNumber', raw, compilePattern);
    const [a] = args as [Fn];
    // Of texts joined by cat (the report's sections), searched in place: a joined copy of long
    // sections cost more than the search (a quarter of the quoted-figure rules' time, measured).
    const parts = catParts.get(a);
    if (parts) return memoised('textNumber', raw, (d) => textNumberJoined(parts(d), pattern));
    return memoised('textNumber', raw, (d) => customOperations.textNumber(a(d), pattern));
  },
  textCount: (args, raw) => {
    const pattern = rulePattern('textCount', raw, compileCountPattern);
    const [a] = args as [Fn];
    const f: Fn = (d) => customOperations.textCount(a(d), pattern);
    countArgs.set(f, { text: a, pattern });
    return f;
  },
  textLength: (args) => {
    const [a] = args as [Fn];
    return (d) => customOperations.textLength(a(d));
  },
  textSimilarity: (args) => {
    const [a, b, m] = args as [Fn, Fn, Fn | undefined];
    const f: Fn = (d) => customOperations.textSimilarity(a(d), b(d), m ? m(d) : 0);
    similarityArgs.set(f, args);
    return f;
  },
};
operationTable['?:'] = operationTable.if as Factory;
// Looked up in Maps: an operation named constructor, __proto__ or toString is unknown, not Object's.
const operations = new Map(Object.entries(operationTable));

const arity = new Map<string, [number, number]>(Object.entries({
  '==': [2, 2], '===': [2, 2], '!=': [2, 2], '!==': [2, 2], '<': [2, 3], '<=': [2, 3], '>': [2, 2], '>=': [2, 2],
  '!': [1, 1], '!!': [1, 1], '-': [1, 2], '/': [2, 2], '%': [2, 2], substr: [2, 3], in: [2, 2],
  textNumber: [2, 2], textSimilarity: [2, 3], textCount: [2, 2], textLength: [1, 1],
}));

/** Where the compile is: the operations and list positions from the root (`and[1].or[0]`). */
const trail: string[] = [];
/** Operations and lists around the node being compiled, and nodes compiled so far from the root. */
let depth = 0;
let nodeCount = 0;
const shorten = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const segment = (op: string): string => (/^[A-Za-z_$?:!=<>+*%/-]{1,20}$/.test(op) ? op : JSON.stringify(shorten(op)));
/** ` (at and[1].or[0])` for the node being compiled, `` at the root. */
function at(): string {
  if (!trail.length) return '';
  let path = trail.join('');
  if (path.startsWith('.')) path = path.slice(1);
  return ` (at ${path.length > 1000 ? `${path.slice(0, 500)}…${path.slice(-500)}` : path})`;
}

/** Compiles from the root: the trail and the node budget start afresh (also after an error). */
function compileRoot(expr: JsonLogic): Fn {
  trail.length = 0;
  depth = 0;
  nodeCount = 0;
  try {
    return compileNode(expr);
  } finally {
    trail.length = 0;
    depth = 0;
  }
}

const noCells: readonly unknown[] = [];

/** Compiles one JSON-logic expression. Throws {@link RuleCompileError} for what it cannot run. */
export function compile(expr: JsonLogic): Compiled {
  const memo: MemoSlots = new Map();
  memoSlots = memo;
  let f: Fn;
  try {
    f = compileRoot(expr);
  } finally {
    memoSlots = undefined;
  }
  return memo.size ? (data) => f({ data, cells: noCells, memo: [] }) : (data) => f({ data, cells: noCells });
}

/**
 * Compiles an expression whose cell reads (`{"var": cellId}` for the ids in `slots`) come
 * from `Scope.cells[slot]` instead of the data. For the engine, which compiles all the
 * rules of a set with one `memo` and gives each check's scope a fresh `Scope.memo`.
 */
export function compileWithCells(expr: JsonLogic, slots: ReadonlyMap<string, number>, memo?: MemoSlots): Fn {
  cellSlots = slots;
  memoSlots = memo;
  try {
    return compileRoot(expr);
  } finally {
    cellSlots = undefined;
    memoSlots = undefined;
  }
}
export type { Fn as ScopedCompiled };

/** Compiles the items of a list (or an operation's arguments), each under its index in the trail. */
function compileItems(items: readonly JsonLogic[]): Fn[] {
  const out: Fn[] = [];
  for (let i = 0; i < items.length; i++) {
    trail.push(`[${i}]`);
    out.push(compileNode(items[i] as JsonLogic));
    trail.pop();
  }
  return out;
}

function compileNode(expr: JsonLogic): Fn {
  if (++nodeCount > ruleLimits.nodes) throw new RuleCompileError(`expression with more than ${ruleLimits.nodes} parts${at()}`);
  if (expr === null || typeof expr !== 'object') return () => expr;
  if (depth >= ruleLimits.depth) throw new RuleCompileError(`expression nested more than ${ruleLimits.depth} levels deep${at()}`);
  depth++;
  try {
    return compileObject(expr);
  } finally {
    depth--;
  }
}

/** An operation or a list (one level deeper). */
function compileObject(expr: JsonLogic[] | { [operator: string]: JsonLogic }): Fn {
  if (Array.isArray(expr)) {
    const items = compileItems(expr);
    return (d) => items.map((f) => f(d));
  }
  const ops = Object.keys(expr);
  if (ops.length !== 1) {
    const shown = ops.slice(0, 5).map((k) => shorten(k));
    throw new RuleCompileError(`a JSON-logic operation has exactly one key, got ${JSON.stringify(shown)}${ops.length > 5 ? ` and ${ops.length - 5} more` : ''}${at()}`);
  }
  const op = ops[0] as string;
  const factory = op === 'var' ? undefined : operations.get(op);
  if (op !== 'var' && !factory) throw new RuleCompileError(`unknown JSON-logic operation "${shorten(op)}"${at()}`);
  trail.push(`.${segment(op)}`);
  try {
    const rawArgs = expr[op] as JsonLogic;
    const args: JsonLogic[] = Array.isArray(rawArgs) ? rawArgs : [rawArgs];
    if (op === 'var') return compileVar(args);
    const [lo, hi] = arity.get(op) ?? [0, Number.POSITIVE_INFINITY];
    if (args.length < lo || args.length > hi) {
      throw new RuleCompileError(`"${op}" takes ${lo === hi ? lo : `${lo} to ${hi}`} arguments, got ${args.length}${at()}`);
    }
    return (factory as Factory)(compileItems(args), args);
  } finally {
    trail.pop();
  }
}
