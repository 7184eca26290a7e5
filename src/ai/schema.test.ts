import { describe, expect, it } from 'vitest';
import recorded from './fixtures/answers.json';
import { ANSWER_JSON_SCHEMA, AI_FIELDS, createAnswerJsonSchema, validateAnswer } from './schema';

describe('recorded model answers through the validation path', () => {
  it.each(recorded.answers.map((a) => [a.name, a] as const))('%s', (_name, answer) => {
    const result = validateAnswer(answer.raw, answer.text, answer.referenceNow);
    if (answer.expect === 'ok') {
      expect(result).toMatchObject({ ok: true });
      expect(result.ok && Object.keys(result.answer).sort()).toEqual([...AI_FIELDS].sort());
    } else {
      expect(result).toMatchObject({ ok: false, reason: answer.expect });
      expect(!result.ok && result.message.length).toBeGreaterThan(0);
    }
  });

  it('covers every kind of answer the issue names', () => {
    const kinds = new Set(recorded.answers.map((a) => a.expect));
    expect([...kinds].sort()).toEqual([
      'invalid_json',
      'ok',
      'out_of_range',
      'schema',
      'ungrounded',
    ]);
  });

  it('names the offending field of a schema violation', () => {
    const bad = recorded.answers.find((a) => a.name.startsWith('hallucinated field: notes'));
    const result = validateAnswer(bad!.raw, bad!.text, bad!.referenceNow);
    expect(!result.ok && result.message).toMatch(/notes/);
  });

  it('trims the title as the task schema does', () => {
    const raw =
      '{"title":"  Buy milk ","due":null,"priority":4,"project":null,"labels":[],"recurrence":null}';
    const result = validateAnswer(raw, 'buy milk', '2026-11-26T09:00');
    expect(result.ok && result.answer.title).toBe('Buy milk');
  });

  it('accepts a due on the reference day itself and a time later that day', () => {
    const raw =
      '{"title":"Call Ann","due":"2026-11-26T17:30","priority":4,"project":null,"labels":[],"recurrence":null}';
    expect(validateAnswer(raw, 'call Ann at 5:30pm', '2026-11-26T09:00').ok).toBe(true);
  });
});

describe('JSON schema for WebLLM', () => {
  it('is derived from the task schema: strict, every quick-add field required', () => {
    const schema = createAnswerJsonSchema() as {
      type: string;
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, unknown>;
    };
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect([...schema.required].sort()).toEqual([...AI_FIELDS].sort());
    expect(JSON.stringify(schema.properties.priority)).toContain('"const":1');
    expect(JSON.stringify(schema.properties.title)).toContain('"maxLength":500');
  });

  it('spells out the due formats the zod refinements check', () => {
    const due = (
      JSON.parse(ANSWER_JSON_SCHEMA) as { properties: { due: { anyOf: { pattern?: string }[] } } }
    ).properties.due;
    const patterns = due.anyOf.map((s) => s.pattern).filter(Boolean) as string[];
    expect(patterns.some((p) => new RegExp(p).test('2026-11-28'))).toBe(true);
    expect(patterns.some((p) => new RegExp(p).test('2026-11-28T16:00'))).toBe(true);
    expect(patterns.some((p) => new RegExp(p).test('tomorrow'))).toBe(false);
  });
});
