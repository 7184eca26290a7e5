import { describe, expect, it } from 'vitest';
import { modelHostOrigins } from './model-hosts';

describe('modelHostOrigins', () => {
  it('names the public hosts, a self-hosted origin, or nothing for a same-origin path', () => {
    expect(modelHostOrigins()).toContain('https://huggingface.co');
    expect(modelHostOrigins('https://models.example.org/tend/')).toEqual([
      'https://models.example.org',
    ]);
    expect(modelHostOrigins('/models/mistral-7b')).toEqual([]);
  });
});
