// The last line of defence for "secrets never logged": every log line passes through here on its way out, and
// the configured secret values, bearer tokens, JWTs and e-mail addresses are masked whatever key they sit under
// (path-based redaction only catches the keys someone thought of).
// Every pattern runs in time linear in the line (a hostile 1 MB path must not block the server): a match
// either starts only where a run of its characters starts (the lookbehinds), or its repeats are bounded.
const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;
const BEARER = /(Bearer\s{1,16})[A-Za-z0-9._~+/=-]{8,}/gi;
// RFC 5321 limits: 64 characters before the @, 255 after.
const EMAIL =
  /(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{0,63}@([A-Za-z0-9.-]{1,252}\.[A-Za-z]{2,63})/g;
// A password in a URL has no unescaped "/" or "@" (RFC 3986 userinfo).
const URL_PASSWORD = /(?<!\w)(\w{1,32}:\/\/[^:/\s"@]{1,255}:)[^@\s"/]{1,255}@/g;

interface Scrubber {
  (line: string): string;
}

export function createScrubber(
  secretValues: readonly (string | undefined)[],
  { maskEmails = true } = {},
): Scrubber {
  // Short values would mask ordinary words; real secrets here are long random strings.
  const secrets = [
    ...new Set(secretValues.filter((s): s is string => typeof s === 'string' && s.length >= 8)),
  ].sort((a, b) => b.length - a.length);
  // Secrets also appear JSON-escaped inside a log line.
  const forms = secrets.flatMap((secret) => {
    const escaped = JSON.stringify(secret).slice(1, -1);
    return escaped === secret ? [secret] : [secret, escaped];
  });
  // Each pattern is tried only when the line holds the text every match contains: most lines (a task
  // created, a request) hold none, and the scans were a large part of writing them.
  return (line) => {
    let out = line;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join('[redacted]');
    if (out.includes('eyJ')) out = out.replace(JWT, '[redacted-jwt]');
    if (/bearer/i.test(out)) out = out.replace(BEARER, '$1[redacted]');
    if (out.includes('@')) {
      out = out.replace(URL_PASSWORD, '$1[redacted]@');
      if (maskEmails) out = out.replace(EMAIL, '$1***@$2');
    }
    return out;
  };
}

/**
 * Where pino writes a line (one line per call), scrubbed before it is passed on. A plain writer rather than a
 * `stream.Writable`: the stream turned every line into a Buffer and back and queued a callback per line.
 */
export function scrubbingStream(
  target: { write(chunk: string): unknown },
  scrub: Scrubber,
): { write(chunk: string): void } {
  return {
    write(chunk: string) {
      target.write(scrub(chunk));
    },
  };
}
