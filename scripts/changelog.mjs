// Reads docs/CHANGELOG.md: each release is a `## <version> — <date>` section whose first paragraph is the
// one-line "What's new" the update prompt shows. The build publishes the newest as whats-new.json.
export function latestRelease(markdown) {
  const section = /^## +(\S+)[^\n]*\n+([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown);
  if (!section) return null;
  const summary = section[2]
    .split(/\n\s*\n/)[0]
    .replace(/\s+/g, ' ')
    .trim();
  if (!summary || summary.startsWith('-')) return null;
  return { version: section[1], summary };
}
