// Todoist's filter syntax, the common part: `#Work`, `@errands`, `p1`, `today`, `tomorrow`, `overdue`,
// `no date`, `7 days` (today and the 6 days after), `recurring`, `subtask`, `no labels`, combined with
// `&`, `|` (or `,`), `!` and parentheses; any other word is free text. Words side by side without an
// operator are ANDed (`#Work p1`), like a search. `"..."` or a backslash keeps spaces in a name:
// `#"Home Renovation"`, `#Home\ Renovation`. Bad input is an error code with a position, never a throw.

export type FilterTerm =
  | { kind: 'project'; name: string }
  | { kind: 'label'; name: string }
  | { kind: 'priority'; priority: 1 | 2 | 3 | 4 }
  | { kind: 'today' | 'tomorrow' | 'overdue' | 'no_date' | 'recurring' | 'subtask' | 'no_labels' }
  | { kind: 'days'; days: number }
  | { kind: 'text'; text: string };

export type FilterNode =
  | { op: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { op: 'not'; operand: FilterNode }
  | { op: 'term'; term: FilterTerm };

export type FilterErrorCode =
  /** Nothing to search for. */
  | 'empty'
  /** `&`, `|` or `)` where a term should start (`& p1`, `p1 | | p2`, `()`). */
  | 'missing_operand'
  /** `(` without its `)`. */
  | 'unclosed_paren'
  /** `)` without its `(`. */
  | 'unmatched_paren'
  /** `#` or `@` with no name after it. */
  | 'empty_name'
  /** `"` without its closing `"`. */
  | 'unclosed_quote'
  /** Longer than MAX_FILTER_LENGTH characters. */
  | 'too_long';

export interface FilterError {
  code: FilterErrorCode;
  /** Offset in the query where the problem is. */
  at: number;
}

type FilterParse = { ok: true; filter: FilterNode } | { ok: false; error: FilterError };

type Token =
  | { type: 'word'; text: string; at: number }
  | { type: '&' | '|' | '!' | '(' | ')' | 'end'; at: number };

const MAX_DAYS = 3650;
export const MAX_FILTER_LENGTH = 1000;

/** Splits a query into operators and words; quotes and backslashes keep their characters in a word. */
function tokenize(query: string): Token[] | FilterError {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i];
    if (/\s/.test(ch)) {
      i += 1;
    } else if ('&|,!()'.includes(ch)) {
      tokens.push({ type: ch === ',' ? '|' : (ch as '&' | '|' | '!' | '(' | ')'), at: i });
      i += 1;
    } else {
      const at = i;
      let text = '';
      while (i < query.length && !/\s/.test(query[i]) && !'&|,()'.includes(query[i])) {
        if (query[i] === '\\' && i + 1 < query.length) {
          text += query[i + 1];
          i += 2;
        } else if (query[i] === '"') {
          const close = query.indexOf('"', i + 1);
          if (close < 0) return { code: 'unclosed_quote', at: i };
          text += query.slice(i + 1, close);
          i = close + 1;
        } else {
          text += query[i];
          i += 1;
        }
      }
      tokens.push({ type: 'word', text, at });
    }
  }
  tokens.push({ type: 'end', at: query.length });
  return tokens;
}

class FilterSyntaxError {
  constructor(readonly error: FilterError) {}
}

export function parseFilter(query: string): FilterParse {
  if (query.length > MAX_FILTER_LENGTH)
    return { ok: false, error: { code: 'too_long', at: MAX_FILTER_LENGTH } };
  const tokenized = tokenize(query);
  if (!Array.isArray(tokenized)) return { ok: false, error: tokenized };
  const tokens: Token[] = tokenized;
  if (tokens.length === 1) return { ok: false, error: { code: 'empty', at: 0 } };
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (code: FilterErrorCode, at = peek().at): never => {
    throw new FilterSyntaxError({ code, at });
  };

  function parseOr(): FilterNode {
    let left = parseAnd();
    while (peek().type === '|') {
      pos += 1;
      left = { op: 'or', left, right: parseAnd() };
    }
    return left;
  }

  function parseAnd(): FilterNode {
    let left = parseUnary();
    for (;;) {
      const next = peek().type;
      if (next === '&') pos += 1;
      else if (next !== 'word' && next !== '!' && next !== '(') return left;
      left = { op: 'and', left, right: parseUnary() };
    }
  }

  function parseUnary(): FilterNode {
    const token = peek();
    if (token.type === '!') {
      pos += 1;
      return { op: 'not', operand: parseUnary() };
    }
    if (token.type === '(') {
      pos += 1;
      const inner = parseOr();
      if (peek().type !== ')') fail('unclosed_paren', token.at);
      pos += 1;
      return inner;
    }
    if (token.type === 'word') return { op: 'term', term: parseTerm() };
    return fail('missing_operand');
  }

  /** One term; `no date`, `7 days` and `next 7 days` take the words after them. */
  function parseTerm(): FilterTerm {
    const token = peek() as Extract<Token, { type: 'word' }>;
    pos += 1;
    const word = token.text;
    const lower = word.toLowerCase();
    const following = (offset: number) => {
      const t = tokens[pos + offset];
      return t.type === 'word' ? t.text.toLowerCase() : null;
    };
    if (word.startsWith('#') || word.startsWith('@')) {
      const name = word.replace(/^##?|^@/, '').trim();
      if (!name) fail('empty_name', token.at);
      return word.startsWith('#') ? { kind: 'project', name } : { kind: 'label', name };
    }
    const priority = /^p([1-4])$/.exec(lower);
    if (priority) return { kind: 'priority', priority: Number(priority[1]) as 1 | 2 | 3 | 4 };
    if (lower === 'today' || lower === 'tomorrow' || lower === 'overdue') return { kind: lower };
    if (lower === 'od') return { kind: 'overdue' };
    if (lower === 'recurring' || lower === 'subtask') return { kind: lower };
    if (lower === 'no') {
      if (following(0) === 'date') return ((pos += 1), { kind: 'no_date' });
      if (following(0) === 'due' && following(1) === 'date')
        return ((pos += 2), { kind: 'no_date' });
      if (following(0) === 'labels') return ((pos += 1), { kind: 'no_labels' });
    }
    const next = lower === 'next' ? 1 : 0;
    const count = next ? following(0) : lower;
    if (count && /^\d{1,4}$/.test(count) && /^days?$/.test(following(next) ?? '')) {
      pos += 1 + next;
      return { kind: 'days', days: Math.min(MAX_DAYS, Math.max(1, Number(count))) };
    }
    if (lower.startsWith('search:') && word.length > 7)
      return { kind: 'text', text: word.slice(7) };
    return { kind: 'text', text: word };
  }

  try {
    const filter = parseOr();
    if (peek().type === ')') fail('unmatched_paren');
    if (peek().type !== 'end') fail('missing_operand');
    return { ok: true, filter };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, error: error.error };
    throw error;
  }
}

/** True when the query is only words (no operator or keyword): an ordinary search. */
export function isPlainSearch(node: FilterNode): boolean {
  if (node.op === 'term') return node.term.kind === 'text';
  return node.op === 'and' && isPlainSearch(node.left) && isPlainSearch(node.right);
}
