import { UspError } from './errors';

/**
 * A USP Path Name of the Instantiated Data Model (TR-369 "Path Names", "Searching", "Reference
 * Following" and the "Data Model Path Grammar"), parsed.
 *
 * `Device.IP.Interface.[Name=="eth0"].IPv4Address.*.IPAddress` is the segments
 * name Device, name IP, name Interface, search, name IPv4Address, wildcard, and the leaf
 * `IPAddress` (kind parameter). A path ending in "." is a partial path (kind object).
 */
export interface UspPath {
  text: string;
  kind: 'object' | 'parameter' | 'command' | 'event';
  /** The object part, from the root name on. */
  segments: Segment[];
  /** The parameter, command (without "()") or event (without "!") name; absent for objects. */
  leaf?: string;
}

export type Segment =
  | { type: 'name'; name: string }
  | { type: 'instance'; number: number }
  | { type: 'wildcard' }
  | { type: 'search'; conditions: Condition[] }
  /** `Param+`, `Param#2+`, `Param#*+`: the object(s) the reference parameter points at. */
  | { type: 'reference'; name: string; item: ListItem };

/** Which items of a list-valued reference to follow: a 1-based position or all of them. */
export type ListItem = number | '*';

export type Operator = '==' | '!=' | '~=' | '<' | '>' | '<=' | '>=';

/** One expression component: `relpath oper value`. */
export interface Condition {
  /** The parameter, relative to the instance: names with optional reference following. */
  param: RelativeParam;
  op: Operator;
  value: Constant;
}

export interface RelativeParam {
  /** Objects (and followed references) below the instance, then the parameter name last. */
  steps: { name: string; follow?: ListItem }[];
  text: string;
}

/** A quoted string (percent-escapes %22 and %25 decoded), or a bare number/boolean/dateTime. */
export type Constant = { kind: 'string'; value: string } | { kind: 'bare'; text: string };

/** TR-369 error 7008 "Invalid path syntax", saying where and what was expected. */
export class PathSyntaxError extends UspError {
  constructor(
    readonly path: string,
    readonly position: number,
    detail: string,
  ) {
    super(
      7008,
      `Invalid path syntax at character ${position + 1} of ${JSON.stringify(path)}: ${detail}`,
    );
  }
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const POSNUM = /[1-9][0-9]*/y;
const OPERATORS: readonly Operator[] = ['==', '!=', '~=', '<=', '>=', '<', '>'];

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(n = 0): string {
    return this.text[this.pos + n] ?? '';
  }
  eat(s: string): boolean {
    if (!this.text.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }
  match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (m === null) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
  skipSpaces(): void {
    while (this.peek() === ' ') this.pos++;
  }
  fail(detail: string, at = this.pos): never {
    throw new PathSyntaxError(this.text, at, detail);
  }
  describeHere(): string {
    return this.done ? 'the end' : JSON.stringify(this.peek());
  }
}

/**
 * Parses a Path Name of the Instantiated Data Model. Throws PathSyntaxError (7008) naming the
 * position: empty segments, `{i}` or other curly brackets, an empty or malformed search
 * expression, a search parameter that descends into a child table, a reference without the
 * object after it, anything after "()" or "!".
 */
export function parsePath(text: string): UspPath {
  const s = new Scanner(text);
  const segments: Segment[] = [];
  let previous: Segment['type'] | undefined;
  for (;;) {
    const start = s.pos;
    if (s.done) {
      if (segments.length === 0) s.fail('the path is empty');
      return { text, kind: 'object', segments };
    }
    const name = s.match(NAME);
    if (name !== undefined) {
      if (s.eat('()')) return leaf(s, segments, name, 'command', start);
      if (s.eat('!')) return leaf(s, segments, name, 'event', start);
      const follow = referenceFollow(s);
      if (follow !== undefined) {
        if (segments.length === 0) s.fail('a path starts with its root object name', start);
        segments.push({ type: 'reference', name, item: follow });
        if (!s.eat('.')) s.fail('a followed reference is followed by "." and a relative path');
        previous = 'reference';
        continue;
      }
      if (s.done) {
        if (segments.length === 0) s.fail('a path starts with an object name followed by "."');
        return { text, kind: 'parameter', segments, leaf: name };
      }
      segments.push({ type: 'name', name });
    } else {
      if (segments.length === 0) s.fail('a path starts with its root object name');
      if (s.peek() === '.') s.fail('empty path segment');
      if (previous !== 'name' || segments.length < 2) {
        s.fail(`expected a name after "${s.text.slice(0, start)}"`);
      }
      segments.push(instanceSegment(s));
      // TR-369 itself writes instance paths without the final "." (`Device.IP.Interface.3`,
      // `Device.IP.Interface.[Name=="eth0"]`), as reference values do: read them as objects.
      if (s.done) return { text, kind: 'object', segments };
    }
    previous = segments[segments.length - 1]?.type;
    if (!s.eat('.')) s.fail(`expected "." but found ${s.describeHere()}`);
  }
}

function leaf(
  s: Scanner,
  segments: Segment[],
  name: string,
  kind: 'command' | 'event',
  start: number,
): UspPath {
  if (segments.length === 0) s.fail(`a ${kind} belongs to an object: Object.${name}`, start);
  if (!s.done) s.fail(`nothing may follow the ${kind} name`);
  return { text: s.text, kind, segments, leaf: name };
}

/** `+`, `#n+` or `#*+` after a parameter name, or undefined. */
function referenceFollow(s: Scanner): ListItem | undefined {
  if (s.eat('+')) return 1;
  if (!s.eat('#')) return undefined;
  const item: ListItem | undefined = s.eat('*') ? '*' : Number(s.match(POSNUM) ?? NaN);
  if (Number.isNaN(item)) s.fail('"#" takes a list item number (1, 2, …) or "*"');
  if (!s.eat('+')) s.fail('a list item selector "#n" is followed by "+"');
  return item;
}

function instanceSegment(s: Scanner): Segment {
  if (s.eat('*')) return { type: 'wildcard' };
  const number = s.match(POSNUM);
  if (number !== undefined) return { type: 'instance', number: Number(number) };
  if (s.peek() === '{') {
    s.fail('curly brackets ({i}) belong to Supported Data Model paths; search with [expression]');
  }
  if (s.peek() === '0') s.fail('instance numbers start at 1');
  if (!s.eat('[')) s.fail(`expected an instance number, "*" or "[" but found ${s.describeHere()}`);
  const conditions: Condition[] = [];
  do {
    s.skipSpaces();
    if (s.peek() === ']' && conditions.length === 0) s.fail('the search expression is empty');
    conditions.push(condition(s));
    s.skipSpaces();
  } while (s.eat('&&'));
  if (!s.eat(']')) s.fail(`expected "&&" or "]" but found ${s.describeHere()}`);
  return { type: 'search', conditions };
}

function condition(s: Scanner): Condition {
  const start = s.pos;
  const steps: RelativeParam['steps'] = [];
  for (;;) {
    const name = s.match(NAME);
    if (name === undefined) {
      if (/[0-9*[]/.test(s.peek()) && steps.length > 0) {
        s.fail(
          'a search parameter cannot descend into a child table: give that table its own expression',
        );
      }
      s.fail(`expected a parameter name but found ${s.describeHere()}`);
    }
    const follow = referenceFollow(s);
    steps.push(follow === undefined ? { name } : { name, follow });
    if (!s.eat('.')) {
      if (follow !== undefined) s.fail('a followed reference is followed by "." and a parameter');
      break;
    }
  }
  const param = { steps, text: s.text.slice(start, s.pos) };
  s.skipSpaces();
  const op = OPERATORS.find((o) => s.eat(o));
  if (op === undefined) s.fail(`expected one of ${OPERATORS.join(' ')} after ${param.text}`);
  s.skipSpaces();
  return { param, op, value: constant(s) };
}

function constant(s: Scanner): Constant {
  const start = s.pos;
  if (s.eat('"')) {
    const end = s.text.indexOf('"', s.pos);
    if (end < 0) s.fail('unterminated string: a quote inside a value is written %22', start);
    const raw = s.text.slice(s.pos, end);
    s.pos = end + 1;
    let value: string;
    try {
      value = decodeURIComponent(raw.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'));
    } catch {
      return s.fail('bad percent-escape in string value', start);
    }
    return { kind: 'string', value };
  }
  const m = /[^\s&\]"]+/y;
  const text = s.match(m);
  if (text === undefined) s.fail('expected a value: "string", number, boolean or dateTime');
  return { kind: 'bare', text };
}

/** Formats a parsed path back to text (canonical: no spaces in expressions). */
export function formatPath(path: UspPath): string {
  const parts = path.segments.map((seg) => {
    switch (seg.type) {
      case 'name':
        return seg.name;
      case 'instance':
        return String(seg.number);
      case 'wildcard':
        return '*';
      case 'reference':
        return `${seg.name}${followText(seg.item)}`;
      case 'search':
        return `[${seg.conditions.map(formatCondition).join('&&')}]`;
    }
  });
  const head = `${parts.join('.')}.`;
  if (path.kind === 'object') return head;
  return head + path.leaf + (path.kind === 'command' ? '()' : path.kind === 'event' ? '!' : '');
}

function followText(item: ListItem): string {
  return item === 1 ? '+' : `#${item}+`;
}

function formatCondition(c: Condition): string {
  const param = c.param.steps
    .map((st) => st.name + (st.follow === undefined ? '' : followText(st.follow)))
    .join('.');
  const value =
    c.value.kind === 'string'
      ? `"${c.value.value.replace(/%/g, '%25').replace(/"/g, '%22')}"`
      : c.value.text;
  return `${param}${c.op}${value}`;
}
