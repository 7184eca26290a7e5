// The waiting version's "What's new" line (whats-new.json, written by the build from docs/CHANGELOG.md).
// Fetched from the network, never the precache, so it describes the new version rather than this one.
interface WhatsNew {
  version: string;
  summary: string;
}

export async function fetchWhatsNew(fetchImpl: typeof fetch = fetch): Promise<WhatsNew | null> {
  try {
    const res = await fetchImpl('/whats-new.json', { cache: 'no-store' });
    if (!res.ok) return null;
    const body = (await res.json()) as Partial<WhatsNew>;
    return typeof body.version === 'string' && typeof body.summary === 'string'
      ? { version: body.version.slice(0, 40), summary: body.summary.slice(0, 300) }
      : null;
  } catch {
    // Offline or a host without the file: the prompt simply has no summary line.
    return null;
  }
}
