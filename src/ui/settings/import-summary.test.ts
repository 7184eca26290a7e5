import { describe, expect, it } from 'vitest';
import { describeTodoistImport } from './import-summary';

describe('the Todoist import summary', () => {
  it('names the priority convention it used and the rows that needed attention', () => {
    const text = describeTodoistImport(2, 'Work', [
      { at: 'line 3', message: 'Tend has no duration; "30 minutes" is in the notes' },
    ]);
    expect(text).toBe(
      'Imported 2 tasks from Todoist into Work. Priorities were read as Todoist’s CSV format defines them: 1 is P1 (highest), 4 is P4. 1 row needed attention: line 3: Tend has no duration; "30 minutes" is in the notes.',
    );
  });
});
