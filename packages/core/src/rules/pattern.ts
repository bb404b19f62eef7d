/**
 * The regular expressions of `textNumber` (rules/README.md): a small subset of JavaScript's
 * syntax that common regex engines also accept, checked when a rule is compiled, and run by
 * a matcher whose time is linear in the text (a Pike VM: each text position is read once, by
 * at most one thread per instruction). No pattern a rule carries can backtrack
 * catastrophically; the result is the one JavaScript's RegExp gives for the same pattern
 * (the tests compare both on random patterns and texts). The native RegExp never sees a
 * pattern from a rule.
 */
import { RuleCompileError } from './errors.js';

/** What a pattern and a search may cost. */
export const patternLimits = {
  /** Characters of a pattern. */
  length: 500,
  /** Largest bound of a repetition `{m,n}`. */
  repeat: 100,
  /** Instructions once repetitions are expanded: the most one text position can cost. */
  program: 500,
  /** Characters (UTF-16 code units) of the text searched: the rest is not read. */
  text: 100_000,
  /** Groups inside groups. */
  nesting: 16,
} as const;

/** A set of UTF-16 code units: pairs of inclusive bounds, possibly negated. */
interface CharSet {
  ranges: number[];
  negated: boolean;
}

type Node =
  | { k: 'char'; set: CharSet }
  | { k: 'bol' }
  | { k: 'eol' }
  | { k: 'group'; capture: number; body: Node }
  | { k: 'alt'; options: Node[] }
  | { k: 'seq'; items: Node[] }
  | { k: 'repeat'; body: Node; min: number; max: number; lazy: boolean };

const DIGIT = [48, 57];
const WORD = [48, 57, 65, 90, 95, 95, 97, 122];
// ECMAScript's WhiteSpace and LineTerminator (what \s matches).
const SPACE = [9, 13, 32, 32, 160, 160, 5760, 5760, 8192, 8202, 8232, 8233, 8239, 8239, 8287, 8287, 12288, 12288, 65279, 65279];
const LINE = [10, 10, 13, 13, 8232, 8233];

function complement(ranges: readonly number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i] as number, ranges[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let next = 0;
  for (const [lo, hi] of pairs) {
    if (lo > next) out.push(next, lo - 1);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0xffff) out.push(next, 0xffff);
  return out;
}

const classEscapes: Record<string, number[]> = {
  d: DIGIT,
  D: complement(DIGIT),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};
const charEscapes: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };
/** Characters written after `\` for themselves. */
const PUNCTUATION = '\\^$.|?*+()[]{}/-';

type Member = { code: number } | { ranges: number[] };

/** The operations that take a pattern. */
type PatternOperation = 'textNumber' | 'textCount';

/** The most characters a match of `n` can take (infinite with an unbounded repetition). */
function maxLength(n: Node): number {
  switch (n.k) {
    case 'char':
      return 1;
    case 'bol':
    case 'eol':
      return 0;
    case 'group':
      return maxLength(n.body);
    case 'seq':
      return n.items.reduce((sum, item) => sum + maxLength(item), 0);
    case 'alt':
      return Math.max(...n.options.map(maxLength));
    case 'repeat':
      return n.max === Number.POSITIVE_INFINITY ? n.max : n.max * maxLength(n.body);
  }
}

class Parser {
  private i = 0;
  groups = 0;
  /** `op`: the operation the pattern is for (named in errors; textCount needs no group). */
  constructor(
    private readonly src: string,
    private readonly op: PatternOperation = 'textNumber',
  ) {}

  fail(what: string, at = this.i): never {
    const shown = this.src.length > 60 ? `${this.src.slice(0, 57)}…` : this.src;
    throw new RuleCompileError(`${this.op} pattern ${JSON.stringify(shown)}: ${what} (at character ${at + 1})`);
  }

  parse(): Node {
    const node = this.alt(0);
    if (this.i < this.src.length) this.fail('unmatched )');
    if (this.op === 'textCount') {
      if (maxLength(node) === Number.POSITIVE_INFINITY) {
        this.fail('unbounded repetition (*, +, {m,}): textCount takes patterns of a bounded length, so that counting stays linear in the text', 0);
      }
      // The whole match as group 1 (the count needs where each match ends); the pattern's own
      // groups follow it and are not read.
      return { k: 'group', capture: 1, body: node };
    }
    if (this.groups === 0) this.fail('no capturing group ( … ): textNumber reads the first one', 0);
    return node;
  }

  private alt(depth: number): Node {
    const options = [this.seq(depth)];
    while (this.src[this.i] === '|') {
      this.i++;
      options.push(this.seq(depth));
    }
    return options.length === 1 ? (options[0] as Node) : { k: 'alt', options };
  }

  private seq(depth: number): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') items.push(this.item(depth));
    return items.length === 1 ? (items[0] as Node) : { k: 'seq', items };
  }

  private item(depth: number): Node {
    const start = this.i;
    const atom = this.atom(depth);
    const q = this.quantifier();
    if (!q) return atom;
    if (atom.k === 'bol' || atom.k === 'eol') this.fail('^ and $ cannot be repeated', start);
    if (atom.k === 'group') {
      if (nullable(atom.body)) this.fail('a repeated group must not match empty text', start);
      // (a+)+, (a|aa)*, (?:\d+,)*: nested repetition takes exponential time in backtracking engines.
      if (q.max > 1 && !flat(atom.body)) {
        this.fail('a group repeated more than once may hold only single characters and classes (no |, repetition or group inside)', start);
      }
    }
    if (this.i < this.src.length && '*+?{'.includes(this.src[this.i] as string)) this.fail('nothing to repeat');
    return { k: 'repeat', body: atom, ...q };
  }

  private quantifier(): { min: number; max: number; lazy: boolean } | null {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d{1,9})(,(\d{0,9}))?\}/.exec(this.src.slice(this.i, this.i + 24));
      if (!m) this.fail('write { as \\{ (it starts a repetition {m}, {m,} or {m,n})');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      if (min > patternLimits.repeat || (max !== Infinity && max > patternLimits.repeat)) {
        this.fail(`a repetition bound above ${patternLimits.repeat}`);
      }
      if (max < min) this.fail('numbers out of order in {m,n}');
      this.i += m[0].length;
    } else return null;
    const lazy = this.src[this.i] === '?';
    if (lazy) this.i++;
    return { min, max, lazy };
  }

  private atom(depth: number): Node {
    const c = this.src[this.i] as string;
    switch (c) {
      case '(': {
        const start = this.i;
        if (depth >= patternLimits.nesting) this.fail(`groups nested more than ${patternLimits.nesting} deep`);
        this.i++;
        let capture = 0;
        if (this.src.startsWith('?:', this.i)) this.i += 2;
        else if (this.src[this.i] === '?') this.fail('only ( … ) and (?: … ) groups: lookarounds and named groups are not part of the syntax');
        else capture = ++this.groups + (this.op === 'textCount' ? 1 : 0);
        const body = this.alt(depth + 1);
        if (this.src[this.i] !== ')') this.fail('missing )', start);
        this.i++;
        return { k: 'group', capture, body };
      }
      case '[':
        return { k: 'char', set: this.charClass() };
      case '.':
        this.i++;
        return { k: 'char', set: { ranges: LINE, negated: true } };
      case '^':
        this.i++;
        return { k: 'bol' };
      case '$':
        this.i++;
        return { k: 'eol' };
      case '\\': {
        const m = this.escape();
        return { k: 'char', set: 'code' in m ? { ranges: [m.code, m.code], negated: false } : { ranges: m.ranges, negated: false } };
      }
      case '*':
      case '+':
      case '?':
        return this.fail('nothing to repeat');
      case '{':
        return this.fail('write { as \\{ (it starts a repetition {m}, {m,} or {m,n})');
      case ']':
      case '}':
        return this.fail(`write ${c} as \\${c}`);
      default: {
        const code = this.src.charCodeAt(this.i);
        this.i++;
        return { k: 'char', set: { ranges: [code, code], negated: false } };
      }
    }
  }

  private escape(): Member {
    const at = this.i;
    const e = this.src[this.i + 1];
    if (e === undefined) this.fail('\\ at the end');
    this.i += 2;
    const set = classEscapes[e];
    if (set) return { ranges: set };
    const code = charEscapes[e];
    if (code !== undefined) return { code };
    if (PUNCTUATION.includes(e)) return { code: e.charCodeAt(0) };
    if (e === 'u') {
      const hex = this.src.slice(this.i, this.i + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('\\u takes four hex digits (\\u4e00)', at);
      this.i += 4;
      return { code: Number.parseInt(hex, 16) };
    }
    if (/\d/.test(e)) this.fail(`\\${e} (a backreference) is not part of the syntax`, at);
    if (e === 'b' || e === 'B') this.fail(`\\${e} (a word boundary) is not part of the syntax`, at);
    return this.fail(`\\${e} is not part of the syntax`, at);
  }

  private charClass(): CharSet {
    const start = this.i;
    this.i++;
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    if (this.src[this.i] === ']') this.fail('an empty class ([] or [^]) is not part of the syntax', start);
    const ranges: number[] = [];
    let first = true;
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined) this.fail('missing ]', start);
      if (c === ']') {
        this.i++;
        return { ranges, negated };
      }
      const lo = this.classMember(first);
      first = false;
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.src[this.i + 1] !== undefined) {
        const at = this.i;
        this.i++;
        const hi = this.classMember(false);
        if (!('code' in lo) || !('code' in hi)) this.fail('a range needs a single character at each end', at);
        if (hi.code < lo.code) this.fail('range out of order in a class', at);
        ranges.push(lo.code, hi.code);
      } else if ('code' in lo) ranges.push(lo.code, lo.code);
      else ranges.push(...lo.ranges);
    }
  }

  private classMember(first: boolean): Member {
    const c = this.src[this.i] as string;
    if (c === '\\') return this.escape();
    if (c === '[') this.fail('write [ inside a class as \\[');
    if (c === '-' && !first && this.src[this.i + 1] !== ']') this.fail('write - inside a class as \\- (or put it first or last)');
    this.i++;
    return { code: c.charCodeAt(0) };
  }
}

function nullable(n: Node): boolean {
  switch (n.k) {
    case 'char':
      return false;
    case 'bol':
    case 'eol':
      return true;
    case 'group':
      return nullable(n.body);
    case 'alt':
      return n.options.some(nullable);
    case 'seq':
      return n.items.every(nullable);
    case 'repeat':
      return n.min === 0 || nullable(n.body);
  }
}

/** Single characters and classes only (what a group repeated more than once may hold). */
const flat = (n: Node): boolean => n.k === 'char' || (n.k === 'seq' && n.items.every((i) => i.k === 'char'));

const CHAR = 0;
const SPLIT = 1;
const JMP = 2;
const SAVE = 3;
const BOL = 4;
const EOL = 5;
const MATCH = 6;

type Test = (c: number) => boolean;

function tester(set: CharSet): Test {
  const { ranges, negated } = set;
  const has = (c: number): boolean => {
    for (let i = 0; i < ranges.length; i += 2) if (c >= (ranges[i] as number) && c <= (ranges[i + 1] as number)) return true;
    return false;
  };
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = has(c) !== negated ? 1 : 0;
  return (c) => (c < 128 ? ascii[c] === 1 : has(c) !== negated);
}

interface Program {
  op: Int32Array;
  /** CHAR: the test; SPLIT: the preferred branch; JMP: the target; SAVE: 0 (start) or 1 (end) of group 1. */
  x: Int32Array;
  /** SPLIT: the other branch. */
  y: Int32Array;
  tests: Test[];
  /** The characters a match can begin with, when it must begin with one (no ^, $ or empty match first). */
  first: First | null;
  /** Whether it has ^ or $ (true only at the ends of the whole text: not of a part of it). */
  anchored: boolean;
  /** The matcher's thread lists and marks, made on the first search. */
  work?: { lists: Int32Array[]; mark: Int32Array; stack: Int32Array; gen: number };
}

/** Where a match can begin. */
interface First {
  /** The first position from `from` (below `len`) holding a character a match can begin with, else `len`. */
  seek(text: string, from: number, len: number): number;
  /** The most characters `seek` reads to find a place (the longest string it looks for; 1 for a set of characters). */
  span: number;
  /** The code units the strings it looks for begin with (when it looks for strings of more than one). */
  starts?: readonly number[];
}

/** The code units of a set, when it is not negated and has at most `most` of them; else null. */
function fewUnits(set: CharSet, most: number): number[] | null {
  if (set.negated) return null;
  const units: number[] = [];
  for (let i = 0; i < set.ranges.length; i += 2) {
    for (let c = set.ranges[i] as number; c <= (set.ranges[i + 1] as number); c++) {
      if (units.length >= most) return null;
      if (!units.includes(c)) units.push(c);
    }
  }
  return units;
}

/**
 * The strings every match must begin with, when there are few: 行政复议 for
 * `行政复议[^。]{0,6}?(\d+)件`, 收到, 新收 or 受理 for `(?:收到|新收|受理)…`. Followed from the start
 * one character at a time while every way through reads a character of a small set (no ^, $ or
 * end of the match yet), as long as the strings stay few. A search for them (a native search for
 * a few literal strings, which cannot backtrack) skips the places where a match cannot begin far
 * better than the first character alone (行 also begins 行政机关, 执行, 进行…). Null when fewer
 * than two characters are known.
 */
function literalPrefixes(op: readonly number[], x: readonly number[], y: readonly number[], sets: readonly CharSet[]): string[] | null {
  const maxLength = 8;
  const maxStrings = 32;
  let frontier: { pc: number; prefix: string }[] = [{ pc: 0, prefix: '' }];
  let known: string[] = [''];
  for (let depth = 0; depth < maxLength; depth++) {
    // The characters read next: follow the steps that read nothing, from every state.
    const reading: { pc: number; prefix: string }[] = [];
    const seen = new Set<string>();
    const todo = [...frontier];
    while (todo.length) {
      const state = todo.pop() as { pc: number; prefix: string };
      const key = `${state.pc}|${state.prefix}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > 4 * maxStrings * maxLength) return known[0]?.length && known[0].length >= 2 ? known : null;
      const o = op[state.pc];
      if (o === CHAR) reading.push(state);
      else if (o === SPLIT) todo.push({ pc: x[state.pc] as number, prefix: state.prefix }, { pc: y[state.pc] as number, prefix: state.prefix });
      else if (o === JMP) todo.push({ pc: x[state.pc] as number, prefix: state.prefix });
      else if (o === SAVE) todo.push({ pc: state.pc + 1, prefix: state.prefix });
      // ^, $ or the end of a match: some match is no longer than this.
      else return depth >= 2 ? known : null;
    }
    const next: { pc: number; prefix: string }[] = [];
    const strings = new Set<string>();
    for (const { pc, prefix } of reading) {
      const units = fewUnits(sets[x[pc] as number] as CharSet, 4);
      if (!units) return depth >= 2 ? known : null;
      for (const c of units) {
        const longer = prefix + String.fromCharCode(c);
        next.push({ pc: pc + 1, prefix: longer });
        strings.add(longer);
      }
    }
    if (strings.size > maxStrings) return depth >= 2 ? known : null;
    frontier = next;
    known = [...strings];
  }
  return known;
}

/** What a match can begin with: the tests reached from the start without reading, or null for anything else. */
function firstTest(op: readonly number[], x: readonly number[], y: readonly number[], sets: readonly CharSet[]): First | null {
  const prefixes = literalPrefixes(op, x, y, sets);
  if (prefixes) {
    const unit = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
    const literal = (s: string) => [...Array(s.length).keys()].map((i) => unit(s.charCodeAt(i))).join('');
    const search = new RegExp(prefixes.map(literal).join('|'), 'g');
    return {
      span: Math.max(...prefixes.map((s) => s.length)),
      starts: [...new Set(prefixes.map((s) => s.charCodeAt(0)))],
      seek(text, from, len) {
        search.lastIndex = from;
        const m = search.exec(text);
        return m && m.index < len ? m.index : len;
      },
    };
  }
  const seen = new Set<number>();
  const found: CharSet[] = [];
  const todo = [0];
  while (todo.length) {
    const pc = todo.pop() as number;
    if (seen.has(pc)) continue;
    seen.add(pc);
    const o = op[pc];
    if (o === CHAR) found.push(sets[x[pc] as number] as CharSet);
    else if (o === SPLIT) todo.push(x[pc] as number, y[pc] as number);
    else if (o === JMP) todo.push(x[pc] as number);
    else if (o === SAVE) todo.push(pc + 1);
    else return null;
  }
  // Skipping to where a match can begin reads every character of a long text once: a bit per
  // UTF-16 code unit (8 KB) answers for all the first tests in one lookup, whatever they are.
  // Set from the classes' ranges (at most 65,536 steps however many classes): compiling a rule
  // set must stay cheap, it happens on a page's first check.
  const bits = new Uint32Array(2048);
  let count = 0;
  for (const set of found) {
    const ranges = set.negated ? complement(set.ranges) : set.ranges;
    for (let i = 0; i < ranges.length; i += 2) {
      for (let c = ranges[i] as number; c <= Math.min(ranges[i + 1] as number, 0xffff); c++) {
        if (((bits[c >>> 5] as number) & (1 << (c & 31))) === 0) count++;
        bits[c >>> 5] = (bits[c >>> 5] as number) | (1 << (c & 31));
      }
    }
  }
  const units: number[] = [];
  if (count <= 64) for (let c = 0; c < 65536; c++) if (((bits[c >>> 5] as number) & (1 << (c & 31))) !== 0) units.push(c);
  // A few possible first characters (收到|新收|受理 begins with one of three): the engine's own
  // search for a one-character class finds them faster than a loop, and a class cannot backtrack.
  if (units.length > 0 && units.length <= 64) {
    const search = new RegExp(`[${units.map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('')}]`, 'g');
    return {
      span: 1,
      seek(text, from, len) {
        search.lastIndex = from;
        const m = search.exec(text);
        return m && m.index < len ? m.index : len;
      },
    };
  }
  return {
    span: 1,
    seek(text, from, len) {
      let pos = from;
      while (pos < len && ((bits[text.charCodeAt(pos) >>> 5] as number) & (1 << (text.charCodeAt(pos) & 31))) === 0) pos++;
      return pos;
    },
  };
}

function assemble(root: Node, source: string, operation: PatternOperation = 'textNumber'): Program {
  const op: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  const tests: Test[] = [];
  const sets: CharSet[] = [];
  const testOf = new Map<CharSet, number>();
  const emit = (o: number, a = 0, b = 0): number => {
    if (op.length >= patternLimits.program) {
      const shown = source.length > 60 ? `${source.slice(0, 57)}…` : source;
      throw new RuleCompileError(`${operation} pattern ${JSON.stringify(shown)}: more than ${patternLimits.program} steps once its repetitions are expanded`);
    }
    op.push(o);
    x.push(a);
    y.push(b);
    return op.length - 1;
  };
  const branch = (at: number, body: number, skip: number, lazy: boolean) => {
    x[at] = lazy ? skip : body;
    y[at] = lazy ? body : skip;
  };
  const gen = (n: Node): void => {
    switch (n.k) {
      case 'char': {
        let t = testOf.get(n.set);
        if (t === undefined) {
          t = tests.push(tester(n.set)) - 1;
          sets.push(n.set);
          testOf.set(n.set, t);
        }
        emit(CHAR, t);
        return;
      }
      case 'bol':
        emit(BOL);
        return;
      case 'eol':
        emit(EOL);
        return;
      case 'group':
        if (n.capture === 1) emit(SAVE, 0);
        gen(n.body);
        if (n.capture === 1) emit(SAVE, 1);
        return;
      case 'seq':
        n.items.forEach(gen);
        return;
      case 'alt': {
        const jumps: number[] = [];
        n.options.forEach((option, k) => {
          if (k === n.options.length - 1) return gen(option);
          const split = emit(SPLIT);
          gen(option);
          jumps.push(emit(JMP));
          branch(split, split + 1, op.length, false);
        });
        for (const j of jumps) x[j] = op.length;
        return;
      }
      case 'repeat': {
        for (let k = 0; k < n.min; k++) gen(n.body);
        if (n.max === Infinity) {
          const split = emit(SPLIT);
          gen(n.body);
          emit(JMP, split);
          branch(split, split + 1, op.length, n.lazy);
        } else {
          // x{0,3} as (?:x(?:x(?:x)?)?)?: the most (or, lazy, the fewest) repetitions first.
          const splits: number[] = [];
          for (let k = n.min; k < n.max; k++) {
            splits.push(emit(SPLIT));
            gen(n.body);
          }
          for (const s of splits) branch(s, s + 1, op.length, n.lazy);
        }
        return;
      }
    }
  };
  gen(root);
  emit(MATCH);
  return { op: Int32Array.from(op), x: Int32Array.from(x), y: Int32Array.from(y), tests, first: firstTest(op, x, y, sets), anchored: op.includes(BOL) || op.includes(EOL) };
}

/**
 * Leftmost match, the alternative JavaScript's backtracking would take first (threads in
 * priority order; a thread reaching an instruction another already holds at this position
 * is dropped, as its future is the same). Returns group 1 of the match, if it took part.
 */
function firstGroup(p: Program, text: string): string | undefined {
  const m = search(p, text, 0);
  return m ? text.slice(m[0], m[1]) : undefined;
}

/**
 * What the last {@link search} found beyond group 1's bounds: whether there was a match at all,
 * and, in a text that goes on past its end (`open`), whether what follows could change the answer.
 */
const outcome = { matched: false, undetermined: false };

/**
 * The leftmost match from `from` on (as a RegExp with lastIndex `from` finds it): the bounds of
 * group 1 in it, or null when there is no match or group 1 took no part (see {@link outcome}).
 * `open`: `text` is a window of a longer text (which has no ^ or $ to test). No match is then
 * begun at its end, and a thread still reading there leaves the answer undetermined.
 */
function search(p: Program, text: string, from: number, open = false): [number, number] | null {
  const { op, x, y, tests, first } = p;
  const n = op.length;
  const len = Math.min(text.length, patternLimits.text);
  // The thread lists are the program's, allocated once (a search runs to its end without
  // calling out, so one at a time); `mark` keeps counting generations across searches.
  const w = (p.work ??= {
    lists: [new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n), new Int32Array(n)],
    mark: new Int32Array(n).fill(-1),
    stack: new Int32Array(3 * (2 * n + 2)),
    gen: 0,
  });
  let [cpc, cs, ce, npc, ns, ne] = w.lists as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  let cn = 0;
  const { mark, stack } = w;
  // Generations grow by at most one per position and per seek: start afresh well before 2^31.
  if (w.gen > 1 << 30) {
    mark.fill(-1);
    w.gen = 0;
  }
  let gen = w.gen;
  let listPc = cpc;
  let listS = cs;
  let listE = ce;
  let count = 0;
  const add = (pc0: number, s0: number, e0: number, pos: number): void => {
    let sp = 0;
    stack[sp++] = pc0;
    stack[sp++] = s0;
    stack[sp++] = e0;
    while (sp > 0) {
      const e = stack[--sp] as number;
      const s = stack[--sp] as number;
      const pc = stack[--sp] as number;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      switch (op[pc]) {
        case JMP:
          stack[sp++] = x[pc] as number;
          stack[sp++] = s;
          stack[sp++] = e;
          break;
        case SPLIT:
          // The preferred branch on top: explored first.
          stack[sp++] = y[pc] as number;
          stack[sp++] = s;
          stack[sp++] = e;
          stack[sp++] = x[pc] as number;
          stack[sp++] = s;
          stack[sp++] = e;
          break;
        case SAVE:
          stack[sp++] = pc + 1;
          stack[sp++] = x[pc] === 0 ? pos : s;
          stack[sp++] = x[pc] === 0 ? e : pos;
          break;
        case BOL:
          if (pos === 0) {
            stack[sp++] = pc + 1;
            stack[sp++] = s;
            stack[sp++] = e;
          }
          break;
        case EOL:
          if (pos === len) {
            stack[sp++] = pc + 1;
            stack[sp++] = s;
            stack[sp++] = e;
          }
          break;
        default:
          listPc[count] = pc;
          listS[count] = s;
          listE[count] = e;
          count++;
      }
    }
  };
  let matched = false;
  let ms = -1;
  let me = -1;
  // `gen` marks the instructions reached at the position of the current list: a thread
  // reaching one again there is dropped. A new position always starts a new generation.
  for (let pos = from; ; pos++) {
    if (!matched) {
      if (cn === 0 && first) {
        // No thread alive: skip to where a match can begin.
        const from = pos;
        pos = first.seek(text, pos, len);
        if (pos !== from) gen++;
      }
      // A match starting here has the lowest priority: after every thread started earlier. (At
      // the end of a window none starts: the text beyond is searched from there.)
      if (!(open && pos >= len)) {
        listPc = cpc;
        listS = cs;
        listE = ce;
        count = cn;
        add(0, -1, -1, pos);
        cn = count;
      }
    }
    if (cn === 0) {
      if (matched || pos >= len) break;
      gen++;
      continue;
    }
    const c = pos < len ? text.charCodeAt(pos) : -1;
    gen++;
    listPc = npc;
    listS = ns;
    listE = ne;
    count = 0;
    for (let t = 0; t < cn; t++) {
      const pc = cpc[t] as number;
      if (op[pc] === MATCH) {
        // Threads after this one have lower priority: cut them.
        matched = true;
        ms = cs[t] as number;
        me = ce[t] as number;
        break;
      }
      if (c >= 0) {
        if ((tests[x[pc] as number] as Test)(c)) add(pc + 1, cs[t] as number, ce[t] as number, pos + 1);
      } else if (open) outcome.undetermined = true;
    }
    const tp = cpc;
    cpc = npc;
    npc = tp;
    const ts = cs;
    cs = ns;
    ns = ts;
    const te = ce;
    ce = ne;
    ne = te;
    cn = count;
    if (pos >= len) break;
  }
  w.gen = gen + 1;
  outcome.matched = matched;
  return matched && ms >= 0 && me >= ms ? [ms, me] : null;
}

/** Characters around a place where a match may begin that a search of parts copies first (grown while too few). */
const windowSize = 256;

/** The characters `start` to `end` of `parts` joined. */
function sliceJoined(parts: readonly string[], start: number, end: number): string {
  let out = '';
  let o = 0;
  for (const s of parts) {
    if (o >= end) break;
    if (o + s.length > start) out += s.slice(Math.max(start - o, 0), Math.min(end - o, s.length));
    o += s.length;
  }
  return out;
}

/** Whether a character from `from` to `end` of `text` is one a string `first` looks for begins with (true when that is not known). */
function beginsIn(first: First, text: string, from: number, end: number): boolean {
  const starts = first.starts;
  if (!starts) return true;
  for (let i = from; i < end; i++) if (starts.includes(text.charCodeAt(i))) return true;
  return false;
}

/**
 * {@link First.seek} in `parts` joined (the first `len` characters), without joining them: each
 * part searched on its own, and where one ends, the few characters around the join (a string a
 * match must begin with may straddle it). A place a match can begin, at or after `from`; `len` for none.
 */
function seekJoined(first: First, parts: readonly string[], from: number, len: number): number {
  let o = 0;
  for (const s of parts) {
    if (o >= len) break;
    const partEnd = Math.min(s.length, len - o);
    if (from < o + partEnd) {
      const start = Math.max(from - o, 0);
      let at = first.seek(s, start, partEnd);
      // Places in the part's last span - 1 characters, where what is looked for would run into the
      // next part: searched across the join only where one of them holds a character it begins with
      // (a section ends in 。 or a join is "\n": most joins are not searched at all).
      const edge = Math.max(start, partEnd - (first.span - 1));
      if (at > edge && edge < partEnd && o + partEnd < len && beginsIn(first, s, edge, partEnd)) {
        const around = sliceJoined(parts, o + edge, Math.min(len, o + partEnd + first.span - 1));
        at = Math.min(at, edge + first.seek(around, 0, partEnd - edge));
      }
      if (at < partEnd) return o + at;
    }
    o += s.length;
  }
  return len;
}

/**
 * Group 1 of the first match in `parts` joined, as {@link firstGroup} of the joined text gives it,
 * without joining them: where a match can begin is sought in each part (a native search), and
 * only a window from there is copied and matched, grown while the answer could depend on what
 * lies beyond it. A pattern with ^ or $, or one that can begin anywhere, is matched on the join.
 */
function firstGroupJoined(p: Program, parts: readonly string[]): string | undefined {
  if (parts.length === 1) return firstGroup(p, parts[0] as string);
  if (p.anchored || !p.first) return firstGroup(p, parts.join(''));
  let total = 0;
  for (const s of parts) total += s.length;
  const len = Math.min(total, patternLimits.text);
  let from = 0;
  let size = windowSize;
  for (;;) {
    const at = seekJoined(p.first, parts, from, len);
    if (at >= len) return undefined;
    const end = Math.min(len, at + size);
    const text = sliceJoined(parts, at, end);
    outcome.undetermined = false;
    const m = search(p, text, 0, end < len);
    if (outcome.undetermined) {
      size *= 4;
      from = at;
    } else if (outcome.matched) return m ? text.slice(m[0], m[1]) : undefined;
    else {
      // No match begins before the window's end.
      from = end;
      size = windowSize;
    }
  }
}

/** A checked, compiled textNumber pattern. */
export interface Pattern {
  readonly source: string;
  /** Group 1 of the first match in the text (its first {@link patternLimits}.text characters), if it took part. */
  firstGroup(text: string): string | undefined;
  /**
   * `firstGroup(parts.join(''))`, without joining them: a rule searches the report's sections
   * joined (`cat`), and a copy of them all cost more than the search (measured).
   */
  firstGroupJoined(parts: readonly string[]): string | undefined;
}

/** The most matches `textCount` counts: it says "at least" beyond (a bound on its cost). */
export const textCountLimit = 200;

/** A checked, compiled textCount pattern. */
export interface CountPattern {
  readonly source: string;
  /**
   * How many times the pattern matches in the text (its first {@link patternLimits}.text
   * characters), as JavaScript's `text.match(new RegExp(source, 'g')).length` counts: each match
   * after the end of the one before, an empty match moving on by one. At most {@link textCountLimit},
   * or `limit` when smaller (a rule comparing the count with 0 needs one match at most).
   */
  count(text: string, limit?: number): number;
}

/** A textCount pattern, checked against the syntax and the limits (and of bounded length); throws {@link RuleCompileError}. */
export function compileCountPattern(source: string): CountPattern {
  if (source.length > patternLimits.length) {
    throw new RuleCompileError(`textCount pattern longer than ${patternLimits.length} characters (${source.length})`);
  }
  const program = assemble(new Parser(source, 'textCount').parse(), source, 'textCount');
  return {
    source,
    count(text, limit = textCountLimit) {
      const len = Math.min(text.length, patternLimits.text);
      const most = Math.min(limit, textCountLimit);
      let n = 0;
      // A pattern of bounded length: each search reads from where the last match ended to at
      // most that length past the next one, so the whole count stays linear in the text.
      for (let from = 0; from <= len && n < most; ) {
        const m = search(program, text, from);
        if (!m) break;
        n++;
        from = m[1] > m[0] ? m[1] : m[1] + 1;
      }
      return n;
    },
  };
}

/** Checks a pattern against the syntax and the limits; throws {@link RuleCompileError} naming what is wrong. */
export function compilePattern(source: string): Pattern {
  if (source.length > patternLimits.length) {
    throw new RuleCompileError(`textNumber pattern longer than ${patternLimits.length} characters (${source.length})`);
  }
  const program = assemble(new Parser(source).parse(), source);
  return { source, firstGroup: (text) => firstGroup(program, text), firstGroupJoined: (parts) => firstGroupJoined(program, parts) };
}
