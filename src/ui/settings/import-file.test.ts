import { describe, expect, it } from 'vitest';
import { isCsvFile, projectFromFileName } from './import-file';

describe('import files', () => {
  it('names the project after a Todoist file, Inbox meaning none', () => {
    expect(projectFromFileName('Work.csv')).toBe('Work');
    expect(projectFromFileName('Home (1).csv')).toBe('Home');
    expect(projectFromFileName('Inbox.csv')).toBeNull();
  });

  it('tells CSV from JSON by name, type or content', () => {
    expect(isCsvFile({ name: 'a.csv', type: '' }, '{')).toBe(true);
    expect(isCsvFile({ name: 'a.json', type: '' }, 'x,y')).toBe(false);
    expect(isCsvFile({ name: 'a', type: '' }, '  {"tasks": []}')).toBe(false);
    expect(isCsvFile({ name: 'a', type: '' }, 'TYPE,CONTENT')).toBe(true);
  });
});
