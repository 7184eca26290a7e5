import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FILTER_LENGTH, isPlainSearch, parseFilter } from './parse';
import type { FilterNode } from './parse';

/** The tree as compact text: (a & b), (a | b), !a, and terms as kind[:value]. */
function show(node: FilterNode): string {
  switch (node.op) {
    case 'and':
    case 'or':
      return `(${show(node.left)} ${node.op === 'and' ? '&' : '|'} ${show(node.right)})`;
    case 'not':
      return `!${show(node.operand)}`;
    case 'term': {
      const { kind, ...rest } = node.term;
      const value = Object.values(rest)[0];
      return value === undefined ? kind : `${kind}:${value}`;
    }
  }
}

function tree(query: string): string {
  const parsed = parseFilter(query);
  if (!parsed.ok) throw new Error(`did not parse: ${JSON.stringify(parsed.error)}`);
  return show(parsed.filter);
}

describe('parseFilter', () => {
  it('reads the common Todoist terms', () => {
    expect(tree('#Work')).toBe('project:Work');
    expect(tree('##Work')).toBe('project:Work');
    expect(tree('@errands')).toBe('label:errands');
    expect(tree('p1')).toBe('priority:1');
    expect(tree('P4')).toBe('priority:4');
    expect(tree('today')).toBe('today');
    expect(tree('Tomorrow')).toBe('tomorrow');
    expect(tree('overdue')).toBe('overdue');
    expect(tree('od')).toBe('overdue');
    expect(tree('no date')).toBe('no_date');
    expect(tree('no due date')).toBe('no_date');
    expect(tree('no labels')).toBe('no_labels');
    expect(tree('7 days')).toBe('days:7');
    expect(tree('next 7 days')).toBe('days:7');
    expect(tree('1 day')).toBe('days:1');
    expect(tree('recurring')).toBe('recurring');
    expect(tree('subtask')).toBe('subtask');
    expect(tree('search:milk')).toBe('text:milk');
  });

  it('binds ! tighter than &, & tighter than |, and honours parentheses', () => {
    expect(tree('p1 | p2 & #Work')).toBe('(priority:1 | (priority:2 & project:Work))');
    expect(tree('(p1 | p2) & #Work')).toBe('((priority:1 | priority:2) & project:Work)');
    expect(tree('!no date & !@waiting')).toBe('(!no_date & !label:waiting)');
    expect(tree('!!p1')).toBe('!!priority:1');
    expect(tree('today | overdue, #Home')).toBe('((today | overdue) | project:Home)');
    expect(tree('(today|overdue)&@errands')).toBe('((today | overdue) & label:errands)');
  });

  it('ANDs words side by side, so "#Work p1" and free text work like a search', () => {
    expect(tree('#Work p1')).toBe('(project:Work & priority:1)');
    expect(tree('buy milk')).toBe('(text:buy & text:milk)');
    expect(tree('milk no date')).toBe('(text:milk & no_date)');
    expect(tree('no way')).toBe('(text:no & text:way)');
    expect(tree('7 wonders')).toBe('(text:7 & text:wonders)');
  });

  it('keeps spaces in names that are quoted or escaped', () => {
    expect(tree('#"Home Renovation" & p1')).toBe('(project:Home Renovation & priority:1)');
    expect(tree('#Home\\ Renovation')).toBe('project:Home Renovation');
    expect(tree('@"on hold"')).toBe('label:on hold');
  });

  it('tells plain searches from filters', () => {
    const plain = (q: string) => {
      const parsed = parseFilter(q);
      return parsed.ok && isPlainSearch(parsed.filter);
    };
    expect(plain('buy milk')).toBe(true);
    expect(plain('buy | milk')).toBe(false);
    expect(plain('milk p1')).toBe(false);
  });

  it('reports invalid input as a code and a position', () => {
    const error = (q: string) => {
      const parsed = parseFilter(q);
      return parsed.ok ? null : parsed.error;
    };
    expect(error('')).toEqual({ code: 'empty', at: 0 });
    expect(error('   ')).toEqual({ code: 'empty', at: 0 });
    expect(error('& p1')).toEqual({ code: 'missing_operand', at: 0 });
    expect(error('p1 &')).toEqual({ code: 'missing_operand', at: 4 });
    expect(error('p1 | | p2')).toEqual({ code: 'missing_operand', at: 5 });
    expect(error('!')).toEqual({ code: 'missing_operand', at: 1 });
    expect(error('()')).toEqual({ code: 'missing_operand', at: 1 });
    expect(error('(p1 | p2')).toEqual({ code: 'unclosed_paren', at: 0 });
    expect(error('p1)')).toEqual({ code: 'unmatched_paren', at: 2 });
    expect(error('# & p1')).toEqual({ code: 'empty_name', at: 0 });
    expect(error('@')).toEqual({ code: 'empty_name', at: 0 });
    expect(error('#"Home')).toEqual({ code: 'unclosed_quote', at: 1 });
    expect(error('x'.repeat(MAX_FILTER_LENGTH + 1))).toEqual({
      code: 'too_long',
      at: MAX_FILTER_LENGTH,
    });
  });

  it('never throws, on any input (property)', () => {
    const alphabet = fc.constantFrom(...'#@p1!&|,()" \\7 days no date today x'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet })), (query) => {
        const parsed = parseFilter(query);
        if (!parsed.ok) expect(parsed.error.at).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('survives deep nesting', () => {
    const deep = '('.repeat(400) + 'p1' + ')'.repeat(400);
    expect(tree(deep)).toBe('priority:1');
  });
});
