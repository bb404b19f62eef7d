/**
 * Compiles JSON-logic into closures once, so that checking a report is a walk over
 * prepared functions: no parsing per evaluation, and no eval/new Function (strict CSP).
 * The semantics follow json-logic-js for every operation implemented here (the tests
 * compare both on random reports).
 */
import { customOperations } from './operations.js';
import type { JsonLogic } from './types.js';

export type Compiled = (data: unknown) => unknown;

/** Thrown for an expression the engine cannot run (unknown operation, wrong shape). */
export class RuleCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleCompileError';
  }
}

const truthy = (v: unknown): boolean => (Array.isArray(v) ? v.length > 0 : Boolean(v));
// json-logic-js coerces with parseFloat for arithmetic.
const num = (v: unknown): number => (typeof v === 'number' ? v : Number.parseFloat(v as string));

function compileVar(args: JsonLogic[]): Compiled {
  const [pathArg, fallbackArg] = args;
  const fallback = fallbackArg === undefined ? null : fallbackArg;
  if (typeof pathArg !== 'string' && typeof pathArg !== 'number' && pathArg !== null && pathArg !== undefined) {
    const path = compile(pathArg);
    return (data) => lookup(data, String(path(data) ?? ''), fallback);
  }
  const p = pathArg === null || pathArg === undefined ? '' : String(pathArg);
  if (p === '') return (data) => data;
  const keys = p.split('.');
  // Unrolled accessors for the depths of cell ids (3 and 4): the hot path of every check.
  if (keys.length <= 4) {
    const [k0, k1, k2, k3] = keys as [string, string?, string?, string?];
    const step = (v: unknown, k: string): unknown => (v === null || v === undefined ? undefined : (v as Record<string, unknown>)[k]);
    return (data) => {
      let v = step(data, k0);
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
  return (data) => walk(data, keys, fallback);
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

type Factory = (args: Compiled[], raw: JsonLogic[]) => Compiled;

const isLiteral = (e: JsonLogic | undefined): boolean => e === null || typeof e !== 'object';

const binary =
  (f: (a: unknown, b: unknown) => unknown): Factory =>
  (args, raw) => {
    const [a, b] = args as [Compiled, Compiled];
    // A literal operand is read once at compile time rather than called per evaluation.
    if (isLiteral(raw[1])) {
      const bv = raw[1];
      return (d) => f(a(d), bv);
    }
    return (d) => f(a(d), b(d));
  };

function comparison(f: (a: unknown, b: unknown) => boolean): Factory {
  return (args) => {
    const [a, b, c] = args as [Compiled, Compiled, Compiled | undefined];
    if (c) return (d) => {
      const y = b(d);
      return f(a(d), y) && f(y, c(d));
    };
    return (d) => f(a(d), b(d));
  };
}

const orN =
  (args: Compiled[]): Compiled =>
  (d) => {
    let v: unknown;
    for (const a of args) {
      v = a(d);
      if (truthy(v)) return v;
    }
    return v;
  };
const andN =
  (args: Compiled[]): Compiled =>
  (d) => {
    let v: unknown;
    for (const a of args) {
      v = a(d);
      if (!truthy(v)) return v;
    }
    return v;
  };

/* eslint-disable eqeqeq -- JSON-logic's == and != are JavaScript's loose equality */
const operations: Record<string, Factory> = {
  '==': (args, raw) =>
    raw[1] === null ? ((a) => (d) => a(d) == null)(args[0] as Compiled) : binary((a, b) => a == b)(args, raw),
  '===': binary((a, b) => a === b),
  '!=': (args, raw) =>
    raw[1] === null ? ((a) => (d) => a(d) != null)(args[0] as Compiled) : binary((a, b) => a != b)(args, raw),
  '!==': binary((a, b) => a !== b),
  '<': comparison((a, b) => (a as number) < (b as number)),
  '<=': comparison((a, b) => (a as number) <= (b as number)),
  '>': binary((a, b) => (a as number) > (b as number)),
  '>=': binary((a, b) => (a as number) >= (b as number)),
  '!': (args) => {
    const a = args[0] as Compiled;
    return (d) => !truthy(a(d));
  },
  '!!': (args) => {
    const a = args[0] as Compiled;
    return (d) => truthy(a(d));
  },
  or: (args) => {
    if (args.length === 2) {
      const [a, b] = args as [Compiled, Compiled];
      return (d) => {
        const v = a(d);
        return truthy(v) ? v : b(d);
      };
    }
    return orN(args);
  },
  and: (args) => {
    if (args.length === 2) {
      const [a, b] = args as [Compiled, Compiled];
      return (d) => {
        const v = a(d);
        return truthy(v) ? b(d) : v;
      };
    }
    return andN(args);
  },
  if: (args) => (d) => {
    let i = 0;
    for (; i < args.length - 1; i += 2) if (truthy((args[i] as Compiled)(d))) return (args[i + 1] as Compiled)(d);
    return i === args.length - 1 ? (args[i] as Compiled)(d) : null;
  },
  '+': (args) => {
    if (args.length === 2) {
      const [a, b] = args as [Compiled, Compiled];
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
    const [a, b] = args as [Compiled, Compiled | undefined];
    // json-logic-js uses plain JS coercion here (null → 0), parseFloat only in + and *.
    return b ? (d) => Number(a(d)) - Number(b(d)) : (d) => -Number(a(d));
  },
  '/': binary((a, b) => Number(a) / Number(b)),
  '%': binary((a, b) => Number(a) % Number(b)),
  min: (args) => (d) => Math.min(...args.map((a) => num(a(d)))),
  max: (args) => (d) => Math.max(...args.map((a) => num(a(d)))),
  cat: (args) => (d) => {
    let s = '';
    for (const a of args) {
      const v = a(d);
      s += v === null || v === undefined ? '' : String(v); // as Array.prototype.join
    }
    return s;
  },
  substr: (args) => {
    const [src, start, len] = args as [Compiled, Compiled, Compiled | undefined];
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
  textNumber: binary((a, b) => customOperations.textNumber(a, b)),
  textSimilarity: (args) => {
    const [a, b, m] = args as [Compiled, Compiled, Compiled | undefined];
    return (d) => customOperations.textSimilarity(a(d), b(d), m ? m(d) : 0);
  },
};
operations['?:'] = operations.if as Factory;

const arity: Record<string, [number, number]> = {
  '==': [2, 2], '===': [2, 2], '!=': [2, 2], '!==': [2, 2], '<': [2, 3], '<=': [2, 3], '>': [2, 2], '>=': [2, 2],
  '!': [1, 1], '!!': [1, 1], '-': [1, 2], '/': [2, 2], '%': [2, 2], substr: [2, 3], in: [2, 2],
  textNumber: [2, 2], textSimilarity: [2, 3],
};

/** Compiles one JSON-logic expression. Throws {@link RuleCompileError} for what it cannot run. */
export function compile(expr: JsonLogic): Compiled {
  if (expr === null || typeof expr !== 'object') return () => expr;
  if (Array.isArray(expr)) {
    const items = expr.map(compile);
    return (d) => items.map((f) => f(d));
  }
  const ops = Object.keys(expr);
  if (ops.length !== 1) throw new RuleCompileError(`a JSON-logic operation has exactly one key, got ${JSON.stringify(ops)}`);
  const op = ops[0] as string;
  const rawArgs = expr[op] as JsonLogic;
  const args: JsonLogic[] = Array.isArray(rawArgs) ? rawArgs : [rawArgs];
  if (op === 'var') return compileVar(args);
  const factory = operations[op];
  if (!factory) throw new RuleCompileError(`unknown JSON-logic operation "${op}"`);
  const [lo, hi] = arity[op] ?? [0, Number.POSITIVE_INFINITY];
  if (args.length < lo || args.length > hi) {
    throw new RuleCompileError(`"${op}" takes ${lo === hi ? lo : `${lo} to ${hi}`} arguments, got ${args.length}`);
  }
  return factory(args.map(compile), args);
}
