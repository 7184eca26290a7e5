import { describe, expect, it } from 'vitest';
import { buildMessages } from './prompt';

describe('prompt', () => {
  it('gives the reference date, time and weekday, the schema and the text', () => {
    const [system, user] = buildMessages(
      '  call mum sunday ',
      '2026-11-29T18:05',
      '{"type":"object"}',
    );
    expect(system.role).toBe('system');
    expect(system.content).toContain('{"type":"object"}');
    expect(user.content).toBe('Reference: 2026-11-29T18:05 (Sunday)\nText: call mum sunday\nJSON:');
  });
});
