/**
 * The fast path of validateReport (validate-fast.ts) against zod, which it must mirror: on
 * valid documents, on mutated ones (wrong types, values out of range, keys missing or extra at
 * every level, arrays for objects, getters, Proxies, inherited and prototype-polluting keys)
 * and on the corpus: the same verdict, the same report (deep, key order too), the same issues.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { type FormatId, type Lang, type Report, reportSchemaFor, taxonomy, validateReport } from '../src/index.js';
import { fastValidReport } from '../src/validate-fast.js';
import { consistentReport } from './arbitraries.js';
import { corpusNames, expectedReport } from './shared.js';

// validateReport as it was: the same module with the fast path taken out (it never accepts).
let slowCalls = 0;
vi.resetModules();
vi.doMock('../src/validate-fast.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/validate-fast.js')>()),
  fastValidReport: () => {
    slowCalls++;
    return undefined;
  },
}));
const slow = await import('../src/schema.js');
vi.doUnmock('../src/validate-fast.js');
vi.resetModules();

/**
 * Own keys, nested, in order, with each object's prototype: zod's copy and the fast one must
 * list them alike (toStrictEqual would do, but it compares `.constructor`, which a document
 * may carry as a key of its own).
 */
function keysDeep(v: unknown, seen = new Set<object>()): unknown {
  if (v === null || typeof v !== 'object' || seen.has(v)) return null;
  seen.add(v);
  const proto = Object.getPrototypeOf(v);
  const kind = proto === Object.prototype ? 'object' : proto === Array.prototype ? 'array' : proto === null ? 'null' : 'other';
  return [kind, Reflect.ownKeys(v).map((k) => [String(k), keysDeep((v as Record<PropertyKey, unknown>)[k], seen)])];
}

/** Validates a freshly made document both ways (a getter or Proxy may keep state) and compares everything. */
function same(make: () => unknown, lang: Lang = 'en'): boolean {
  const fast = validateReport(make(), lang);
  const reference = slow.validateReport(make(), lang);
  expect(fast.ok).toBe(reference.ok);
  try {
    expect(fast).toEqual(reference);
    if (fast.ok && reference.ok) expect(keysDeep(fast.report)).toEqual(keysDeep(reference.report));
  } catch (e) {
    // Other metadata is copied as it is, a Proxy that throws when looked into included: then
    // only the keys can be compared.
    if (!(e instanceof Error) || !/^(trap|getter)$/.test(e.message)) throw e;
    if (fast.ok && reference.ok) expect(Reflect.ownKeys(fast.report)).toEqual(Reflect.ownKeys(reference.report));
  }
  // The fast path itself: it accepts exactly what zod's schema accepts, with zod's copy.
  const doc = make();
  const format = (() => {
    try {
      return (doc as { format?: unknown }).format;
    } catch {
      return undefined;
    }
  })();
  if (format === '2021' || format === '2019') {
    let accepted: Report | undefined;
    let threw = false;
    try {
      accepted = fastValidReport(make(), format);
    } catch {
      threw = true;
    }
    let zod: ReturnType<ReturnType<typeof reportSchemaFor>['safeParse']> | undefined;
    try {
      zod = reportSchemaFor(format).safeParse(make());
    } catch {}
    if (accepted) {
      expect(zod?.success).toBe(true);
      try {
        expect(accepted).toEqual(zod?.data);
        expect(keysDeep(accepted)).toEqual(keysDeep(zod?.data));
      } catch (e) {
        if (!(e instanceof Error) || !/^(trap|getter)$/.test(e.message)) throw e;
        expect(Reflect.ownKeys(accepted)).toEqual(Reflect.ownKeys(zod?.data as object));
      }
    } else if (!threw && zod?.success) {
      // Not a wrong answer (zod decides), but the fast path exists to take the valid ones.
      expect.fail('the fast path left a valid document to zod');
    }
  }
  return fast.ok;
}

const asRead = (r: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(r)) as Record<string, unknown>;

// Metadata as documents carry it: bodyType stated, absent or undefined; a date or null; more keys.
const extraKeys = ['source', 'notes', '0', '10', 'constructor', 'toString', 'hasOwnProperty', 'prev', 'valueOf', '__defineGetter__'];
const jsonValue = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.nat(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }));
const validDoc = fc
  .tuple(
    fc.constantFrom<FormatId>('2021', '2019'),
    fc.integer({ min: 0, max: 1000 }),
    fc.constantFrom('absent', 'undefined', 'government', 'department'),
    fc.oneof(fc.constant(null), fc.constantFrom('2022-01-15', '2024-02-29', '2000-02-29', '0000-01-01', '9999-12-31', '1990-01-01')),
    fc.string(),
    fc.string(),
    fc.integer({ min: 1990, max: 2200 }),
    fc.array(fc.tuple(fc.constantFrom(...extraKeys), jsonValue), { maxLength: 4 }),
    fc.boolean(),
  )
  .chain(([format, seed, bodyType, publishedOn, agency, title, year, extras, protoKey]) =>
    consistentReport(format, 1000).map((r) => {
      const doc = asRead(r);
      Object.assign(doc, { publishedOn, agency, title, year });
      delete doc.bodyType;
      if (bodyType === 'undefined') doc.bodyType = undefined;
      else if (bodyType !== 'absent') doc.bodyType = bodyType;
      for (const [k, v] of extras) doc[k] = v;
      // An own __proto__ key, as JSON.parse makes it: not copied into the report (zod neither).
      const text = JSON.stringify(doc);
      const json = protoKey ? `{"__proto__":{"polluted":${seed}},${text.slice(1)}` : text;
      return { format, json, undefinedBodyType: bodyType === 'undefined' };
    }),
  );
const makeValid = ({ json, undefinedBodyType }: { json: string; undefinedBodyType: boolean }) => () => {
  const doc = JSON.parse(json) as Record<string, unknown>;
  if (undefinedBodyType) doc.bodyType = undefined;
  return doc;
};

describe('the fast path of validateReport', () => {
  it('takes every corpus document, as zod does', () => {
    for (const name of corpusNames()) {
      const doc = expectedReport(name);
      expect(fastValidReport(doc, doc.format), name).toBeDefined();
      expect(same(() => expectedReport(name)), name).toBe(true);
    }
    // (The reference really is zod alone: its fast path was asked and declined.)
    expect(slowCalls).toBeGreaterThan(0);
  });

  it('takes random valid documents, with zod\'s copy (metadata kept, key order, an own __proto__ left out)', () => {
    fc.assert(
      fc.property(validDoc, (d) => {
        expect(same(makeValid(d))).toBe(true);
      }),
      { numRuns: 150 },
    );
    // Tried on its own: the report is a copy, not the document.
    const doc = asRead(expectedReport('chenjiaba-2023'));
    const result = validateReport(doc);
    expect(result.ok && result.report !== (doc as unknown) && result.report.requests !== doc.requests).toBe(true);
  });

  // Where a mutation goes: a path from the root ([] is the document itself). Metadata, the
  // sections, the tables, their rows and their cells, each as likely as the others.
  const places = (format: FormatId) => {
    const t = taxonomy(format);
    const cells = t.cells.map((c) => c.id.split('.'));
    const rows = [...new Set(t.cells.map((c) => c.id.split('.').slice(0, -1).join('.')))].map((p) => p.split('.'));
    const metadata = [[], ['format'], ['agency'], ['year'], ['title'], ['publishedOn'], ['bodyType'], ['extra']];
    const sections = [['sections'], ['sections', 'overview'], ['sections', 'problems'], ['sections', 'other']];
    const tables = [['active'], ['requests'], ['reviews'], ['requests', 'denied']];
    return { metadata, sections, tables, rows, cells };
  };
  const odd: unknown[] = [
    undefined, null, '1', '', true, 0, 1, -1, 0.5, 1.5, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
    1e9, 1e9 + 1, -1e9, -1e9 - 1, 1e10, 1e10 + 0.5, 2 ** 53, 2 ** 53 + 2, 1989, 1990, 2200, 2201, 2000.5,
    '2024-02-30', '2023-02-29', '2024-02-29', '2024-1-01', '2024-01-01 ', '２０２４-01-01', '+02024-01-01',
    'government', 'department', 'other', '2021', '2019', 1n, [], [1], {}, { total: 1 },
  ];
  type Trap = 'none' | 'get' | 'has' | 'ownKeys' | 'getOwnPropertyDescriptor' | 'getPrototypeOf' | 'has-false-first' | 'has-false-last';
  type Mutation =
    | { kind: 'set'; value: unknown }
    | { kind: 'delete' }
    | { kind: 'extra'; key: string }
    | { kind: 'array' }
    | { kind: 'array-with-keys' }
    | { kind: 'throwing-getter' }
    | { kind: 'getter' }
    | { kind: 'inherit' }
    | { kind: 'inherited-extra' }
    | { kind: 'proxy'; trap: Trap };
  const traps: Trap[] = ['none', 'get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'has-false-first', 'has-false-last'];
  const structural: Mutation[] = [
    { kind: 'delete' },
    ...['extra', '__proto__', 'constructor', 'toString', '0', 'total ', 'prototype'].map((key): Mutation => ({ kind: 'extra', key })),
    { kind: 'array' },
    { kind: 'array-with-keys' },
    { kind: 'throwing-getter' },
    { kind: 'getter' },
    { kind: 'inherit' },
    { kind: 'inherited-extra' },
    ...traps.map((trap): Mutation => ({ kind: 'proxy', trap })),
  ];
  const everyMutation: Mutation[] = [...odd.map((value): Mutation => ({ kind: 'set', value })), ...structural];

  const copy = (v: unknown) => (Array.isArray(v) ? [...v] : v && typeof v === 'object' ? { ...v } : v);

  /** What a mutation makes of an object (or of any value, for `set`). */
  function changed(value: unknown, m: Mutation): unknown {
    const isObj = value !== null && typeof value === 'object' && !Array.isArray(value);
    switch (m.kind) {
      case 'set':
        return copy(m.value);
      case 'array':
        return value && typeof value === 'object' ? Object.values(value) : [value];
      case 'array-with-keys':
        // An array that has the keys an object should: still not an object.
        return isObj ? Object.assign([], value) : value;
      case 'inherit':
        // The values on a prototype, none own: zod reads them (`in`, `[key]`) and for…in lists them.
        return isObj ? Object.create(value) : value;
      case 'inherited-extra':
        return isObj ? Object.assign(Object.create({ inherited: 1 }), value) : value;
      case 'proxy': {
        if (!value || typeof value !== 'object') return value;
        const boom = () => {
          throw new Error('trap');
        };
        const hidden = (t: object) => (m.trap === 'has-false-first' ? Object.keys(t)[0] : Object.keys(t).at(-1));
        const handler: ProxyHandler<object> =
          m.trap === 'none' ? {} : m.trap.startsWith('has-false') ? { has: (t, k) => k !== hidden(t) && Reflect.has(t, k) } : { [m.trap]: boom };
        return new Proxy(value, handler);
      }
      default:
        return value;
    }
  }

  /** Applies a mutation at a path: to the value there, or to the key in the object holding it. */
  function mutate(doc: unknown, path: readonly string[], m: Mutation): unknown {
    // A path through a getter that throws or a Proxy already there: left as it is.
    try {
      if (!path.length) {
        if (m.kind === 'extra' || m.kind === 'throwing-getter' || m.kind === 'getter' || m.kind === 'delete') return mutate(doc, ['format'], m);
        return changed(doc, m);
      }
      let holder = doc as Record<string, unknown>;
      for (const key of path.slice(0, -1)) {
        const next = holder[key];
        if (!next || typeof next !== 'object') return doc;
        holder = next as Record<string, unknown>;
      }
      const key = path[path.length - 1] as string;
      const value = holder[key];
      const define = (d: PropertyDescriptor) => Object.defineProperty(holder, key, { enumerable: true, configurable: true, ...d });
      if (m.kind === 'delete') delete holder[key];
      else if (m.kind === 'extra') {
        const target = value && typeof value === 'object' ? value : holder;
        Object.defineProperty(target, m.key, { value: 1, enumerable: true, configurable: true, writable: true });
      } else if (m.kind === 'throwing-getter') define({ get: () => { throw new Error('getter'); } });
      else if (m.kind === 'getter') define({ get: () => value });
      else define({ value: changed(value, m), writable: true });
    } catch {}
    return doc;
  }

  const parse = (json: string) => JSON.parse(json) as unknown;

  for (const format of ['2021', '2019'] as const) {
    it(`agrees with zod on ${format} documents mutated once at every kind of place, every way`, () => {
      const [r] = fc.sample(consistentReport(format, 1000), { numRuns: 1, seed: 1 }) as [Report];
      const json = JSON.stringify({ ...r, extra: { note: 1 } });
      const { metadata, sections, tables, rows, cells } = places(format);
      // Every cell of one of each kind, a few rows, all the rest.
      const kinds = new Set<string>();
      const someCells = cells.filter((c) => {
        const kind = taxonomy(format).cellById.get(c.join('.'))?.kind as string;
        return !kinds.has(kind) && !!kinds.add(kind);
      });
      const someRows = [rows[0], rows[rows.length - 1], ['requests', 'denied', 'stateSecret']].filter((p): p is string[] => !!p);
      let accepted = 0;
      for (const path of [...metadata, ...sections, ...tables, ...someRows, ...someCells]) {
        for (const m of everyMutation) if (same(() => mutate(parse(json), path, m))) accepted++;
      }
      // Some mutations keep the document valid (a getter, a transparent Proxy, another valid value).
      expect(accepted).toBeGreaterThan(0);
    });

    it(`agrees with zod on randomly mutated ${format} documents: verdict, report and issues (en and zh-CN)`, () => {
      const { metadata, sections, tables, rows, cells } = places(format);
      const path = fc.oneof(...[metadata, sections, tables, rows, cells].map((list) => fc.constantFrom(...list)));
      fc.assert(
        fc.property(
          consistentReport(format, 1000),
          fc.array(fc.tuple(path, fc.constantFrom(...everyMutation)), { minLength: 1, maxLength: 3 }),
          fc.constantFrom<Lang>('en', 'zh-CN'),
          (r, edits, lang) => {
            const json = JSON.stringify(r);
            same(() => edits.reduce((doc, [p, m]) => mutate(doc, p, m), parse(json)), lang);
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('agrees with zod on a document that is not an object, or a Proxy of one', () => {
    const seed = () => asRead(expectedReport('chenjiaba-2023'));
    for (const make of [
      () => null, () => undefined, () => 1, () => 'report', () => [], () => [seed()], () => new Date(0), () => new Map(),
      () => Object.assign(Object.create(null), seed()), () => Object.create(seed()), () => new Proxy(seed(), {}),
      () => Object.assign(Object.create({ inherited: 1 }), seed()), () => Object.assign([], seed()),
      () => new Proxy(seed(), { get: (t, k, r) => (k === 'year' ? 2020.5 : Reflect.get(t, k, r)) }),
      () => new Proxy(seed(), { ownKeys: (t) => [...Reflect.ownKeys(t), 'ghost'], getOwnPropertyDescriptor: (t, k) => (k === 'ghost' ? { value: 1, enumerable: true, configurable: true } : Reflect.getOwnPropertyDescriptor(t, k)) }),
      () => { const { proxy, revoke } = Proxy.revocable(seed(), {}); revoke(); return proxy; },
      () => { const d = seed(); d.self = d; return d; },
      () => { const d = seed() as { requests: Record<string, unknown> }; d.requests.granted = d.requests; return d; },
    ]) {
      same(make);
      same(make, 'zh-CN');
    }
  });

  it('agrees with zod when Object.prototype carries an enumerable key (prototype pollution)', () => {
    const seed = () => asRead(expectedReport('chenjiaba-2023'));
    Object.defineProperty(Object.prototype, 'polluted', { value: 1, enumerable: true, configurable: true, writable: true });
    try {
      expect(same(seed)).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(same(seed)).toBe(true);
  });
});
