import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BackupDecryptError, decryptBackup, encryptBackup } from './crypto';
import { expiredBackups, type BackupManifest } from './store';
import { groupOfTable, restoreOrder, type TableInfo } from './catalog';

const KEY = 'a-long-enough-encryption-key';

describe('backup encryption', () => {
  it('round-trips, uses a fresh salt and IV per file, and rejects any altered byte or wrong key', () => {
    const plain = Buffer.from('{"t":"public.tasks","r":{}}\n'.repeat(10));
    const a = encryptBackup(plain, KEY);
    const b = encryptBackup(plain, KEY);
    expect(a.equals(b)).toBe(false);
    expect(decryptBackup(a, KEY).equals(plain)).toBe(true);
    for (const index of [3, 10, 30, a.length - 20, a.length - 1]) {
      const altered = Buffer.from(a);
      altered[index] ^= 0x80;
      expect(() => decryptBackup(altered, KEY), `byte ${index}`).toThrow(BackupDecryptError);
    }
    expect(() => decryptBackup(a, `${KEY}!`)).toThrow(BackupDecryptError);
    expect(() => encryptBackup(plain, 'short')).toThrow(/at least 16/);
    expect(() => decryptBackup(randomBytes(10), KEY)).toThrow('not a Tend backup file');
  });
});

describe('retention', () => {
  const m = (kind: BackupManifest['kind'], createdAt: string): BackupManifest => ({
    id: `${kind}-${createdAt}`,
    kind,
    createdAt,
    since: null,
    file: `${kind}-${createdAt}.bak`,
    bytes: 1,
    sha256: '',
    encryption: 'aes-256-gcm+scrypt',
    tables: [],
  });
  it('keeps daily 30 days, hourly 7 days, config 90 days, and always the newest of each kind', () => {
    const now = new Date('2026-11-26T00:00:00Z');
    const all = [
      m('full', '2026-10-26T02:00:00Z'), // 31 days: expired
      m('full', '2026-10-28T02:00:00Z'), // 29 days: kept
      m('incremental', '2026-11-18T05:00:00Z'), // 8 days: expired
      m('incremental', '2026-11-20T05:00:00Z'), // 6 days: kept
      m('config', '2026-08-01T00:00:00Z'), // 117 days, but the only config version: kept
    ];
    expect(expiredBackups(all, now).map((x) => x.id)).toEqual([
      'full-2026-10-26T02:00:00Z',
      'incremental-2026-11-18T05:00:00Z',
    ]);
  });
});

describe('restore order', () => {
  const t = (schema: string, name: string, dependsOn: string[] = []): TableInfo => ({
    schema,
    name,
    columns: [],
    primaryKey: [],
    dependsOn,
    identityAlways: false,
  });
  it("follows the operations specification's priority where foreign keys allow", () => {
    const order = restoreOrder([
      t('public', 'sync_log'),
      t('public', 'tasks', ['auth.users']),
      t('public', 'user_preferences', ['auth.users']),
      t('public', 'profiles', ['auth.users']),
      t('auth', 'users'),
      t('public', 'tasks_archive'),
    ]).map((x) => `${x.schema}.${x.name}`);
    expect(order).toEqual([
      'auth.users',
      'public.profiles',
      'public.user_preferences',
      'public.tasks',
      'public.tasks_archive',
      'public.sync_log',
    ]);
    expect(groupOfTable({ schema: 'tend_auth', name: 'refresh_tokens' })).toBe(
      'authentication_system',
    );
    expect(groupOfTable({ schema: 'public', name: 'task_statistics' })).toBe('analytics_data');
  });

  it('puts a table after the one it references even against priority', () => {
    const order = restoreOrder([
      t('public', 'profiles', ['public.tasks']),
      t('public', 'tasks'),
    ]).map((x) => x.name);
    expect(order).toEqual(['tasks', 'profiles']);
  });
});
