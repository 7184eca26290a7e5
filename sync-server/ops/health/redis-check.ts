// A minimal Redis client for health checks: one connection, AUTH when the URL has a password, then PING,
// speaking RESP over node:net (or node:tls for rediss://). Enough to prove the server answers; nothing more.
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

export function encodeCommand(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** Reads simple strings and errors (`+OK`, `-ERR ...`), which is all AUTH and PING answer. */
function readReplies(socket: Socket, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const replies: string[] = [];
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (line.startsWith('-')) return reject(new Error(`redis: ${line.slice(1)}`));
        replies.push(line.replace(/^[+:$]/, ''));
        if (replies.length === count) return resolve(replies);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('redis closed the connection')));
  });
}

export async function pingRedis(
  url: string,
  timeoutMs = 2000,
): Promise<{ latencyMs: number; reply: string }> {
  const parsed = new URL(url);
  const port = Number(parsed.port || 6379);
  const started = performance.now();
  const socket =
    parsed.protocol === 'rediss:'
      ? connectTls({ host: parsed.hostname, port, servername: parsed.hostname })
      : connectTcp({ host: parsed.hostname, port });
  socket.setTimeout(timeoutMs, () =>
    socket.destroy(new Error(`redis did not answer within ${timeoutMs} ms`)),
  );
  try {
    const commands: string[][] = [];
    if (parsed.password) {
      const user = decodeURIComponent(parsed.username);
      const password = decodeURIComponent(parsed.password);
      commands.push(user ? ['AUTH', user, password] : ['AUTH', password]);
    }
    commands.push(['PING']);
    const replies = readReplies(socket, commands.length);
    socket.write(commands.map(encodeCommand).join(''));
    const answers = await replies;
    return {
      latencyMs: Math.round((performance.now() - started) * 10) / 10,
      reply: answers.at(-1)!,
    };
  } finally {
    socket.destroy();
  }
}
