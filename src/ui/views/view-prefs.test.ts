import { describe, expect, it } from 'vitest';
import { createViewPrefs } from './view-prefs';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('view prefs', () => {
  it('remembers the sort per view and the Upcoming layout, across instances', () => {
    const storage = memoryStorage();
    const prefs = createViewPrefs(storage);
    expect(prefs.get('inbox')).toEqual({ sort: 'manual', layout: 'list' });
    prefs.set('inbox', { sort: 'priority' });
    prefs.set('upcoming', { layout: 'week' });
    const again = createViewPrefs(storage);
    expect(again.get('inbox').sort).toBe('priority');
    expect(again.get('today').sort).toBe('manual');
    expect(again.get('upcoming').layout).toBe('week');
  });

  it('ignores stored values it does not know', () => {
    const prefs = createViewPrefs(
      memoryStorage({ 'tend.viewPrefs': '{"inbox":{"sort":"colour","layout":"grid"}}' }),
    );
    expect(prefs.get('inbox')).toEqual({ sort: 'manual', layout: 'list' });
    expect(createViewPrefs(memoryStorage({ 'tend.viewPrefs': 'not json' })).get('x').sort).toBe(
      'manual',
    );
  });
});
