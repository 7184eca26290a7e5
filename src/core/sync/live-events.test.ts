import { describe, expect, it } from 'vitest';
import type { ServerSentEvent } from './live-events';
import { createSseParser, formatChangeFrame, parseChangeSeq } from './live-events';

function parseAll(chunks: string[]) {
  const events: ServerSentEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createSseParser({
    onEvent: (e) => events.push(e),
    onComment: (c) => comments.push(c),
    onRetry: (ms) => retries.push(ms),
  });
  for (const chunk of chunks) parser.push(chunk);
  return { events, comments, retries };
}

describe('live event stream format', () => {
  it('reads back the frames the server writes, however the chunks are cut', () => {
    const text = `retry: 3000\n: connected\n\n${formatChangeFrame(4)}: keep-alive\n\n${formatChangeFrame(9)}`;
    for (const size of [1, 2, 7, text.length]) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      const { events, comments, retries } = parseAll(chunks);
      expect(events).toEqual([
        { event: 'change', data: '{"seq":4}' },
        { event: 'change', data: '{"seq":9}' },
      ]);
      expect(comments).toEqual(['connected', 'keep-alive']);
      expect(retries).toEqual([3000]);
    }
  });

  it('accepts CRLF and CR line ends, joins data lines and ignores unknown fields', () => {
    const { events } = parseAll([
      'id: 1\r\nevent: change\r\ndata: a\r',
      '\ndata: b\r\r\nfoo: x\n\n',
    ]);
    expect(events).toEqual([{ event: 'change', data: 'a\nb' }]);
  });

  it('takes only a non-negative integer seq from change data', () => {
    expect(parseChangeSeq('{"seq":12}')).toBe(12);
    for (const bad of ['', 'null', '{"seq":-1}', '{"seq":1.5}', '{"seq":"3"}', '[1]', '{'])
      expect(parseChangeSeq(bad)).toBeNull();
  });
});
