// Off-site copies of backups ("encrypted_s3" in the operations specification): PUT, GET, DELETE and LIST of the
// encrypted files and their manifests in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, …), signed with AWS Signature Version 4 by hand so no SDK
// is needed. The files are already encrypted client-side; the bucket only ever sees ciphertext.
import { createHash, createHmac } from 'node:crypto';

export interface S3Target {
  /** e.g. https://s3.eu-west-1.amazonaws.com (path-style requests: <endpoint>/<bucket>/<key>) */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  prefix?: string;
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (S3 keeps '/' in paths). */
function encodeRfc3986(value: string, keepSlash: boolean): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, keepSlash ? '/' : '%2F');
}

interface SignInput {
  method: string;
  url: URL;
  headers: Record<string, string>;
  payloadSha256: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  now: Date;
  service?: string;
}

/** Returns the request headers plus x-amz-date, x-amz-content-sha256 and Authorization. */
export function signV4({
  method,
  url,
  headers,
  payloadSha256,
  region,
  accessKeyId,
  secretAccessKey,
  now,
  service = 's3',
}: SignInput): Record<string, string> {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const all: Record<string, string> = {
    ...headers,
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': payloadSha256,
  };
  const names = Object.keys(all)
    .map((k) => k.toLowerCase())
    .sort();
  const lower = Object.fromEntries(
    Object.entries(all).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')]),
  );
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [encodeRfc3986(k, false), encodeRfc3986(v, false)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [
    method,
    encodeRfc3986(decodeURIComponent(url.pathname), true),
    query,
    names.map((n) => `${n}:${lower[n]}\n`).join(''),
    names.join(';'),
    payloadSha256,
  ].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service),
    'aws4_request',
  );
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    ...all,
    authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

interface RequestOptions {
  now?: Date;
  fetchImpl?: typeof fetch;
}

/** One signed path-style request to the bucket; `key` is relative to the target's prefix. */
async function s3Request(
  target: S3Target,
  method: 'GET' | 'PUT' | 'DELETE',
  path: string,
  {
    now = new Date(),
    fetchImpl = fetch,
    body,
    contentType,
    query = {},
  }: RequestOptions & { body?: Buffer; contentType?: string; query?: Record<string, string> },
): Promise<Response> {
  const url = new URL(`${target.endpoint.replace(/\/+$/, '')}/${target.bucket}${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const headers = signV4({
    method,
    url,
    headers: contentType ? { 'content-type': contentType } : {},
    payloadSha256: sha256Hex(body ?? ''),
    region: target.region,
    accessKeyId: target.accessKeyId,
    secretAccessKey: target.secretAccessKey,
    now,
  });
  delete headers.host; // fetch sets Host itself
  return fetchImpl(url, {
    method,
    headers,
    body: body ? new Uint8Array(body) : undefined,
    signal: AbortSignal.timeout(120_000),
  });
}

/** One request on one object; any answer but 2xx is an error (S3 answers 204 for a delete, also of a key that is already gone). */
async function objectRequest(
  target: S3Target,
  method: 'PUT' | 'GET' | 'DELETE',
  key: string,
  options: Parameters<typeof s3Request>[3],
): Promise<Response> {
  const response = await s3Request(target, method, `/${target.prefix ?? ''}${key}`, options);
  if (!response.ok) throw new Error(`S3 ${method} ${key} answered HTTP ${response.status}`);
  return response;
}

export async function putObject(
  target: S3Target,
  key: string,
  body: Buffer,
  {
    contentType = 'application/octet-stream',
    ...options
  }: RequestOptions & { contentType?: string } = {},
): Promise<void> {
  await objectRequest(target, 'PUT', key, { ...options, body, contentType });
}

export async function getObject(
  target: S3Target,
  key: string,
  options: RequestOptions = {},
): Promise<Buffer> {
  const response = await objectRequest(target, 'GET', key, options);
  return Buffer.from(await response.arrayBuffer());
}

export async function deleteObject(
  target: S3Target,
  key: string,
  options: RequestOptions = {},
): Promise<void> {
  await objectRequest(target, 'DELETE', key, options);
}

const xmlText = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) =>
    m[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );

/** Every key under the target's prefix (ListObjectsV2, following continuation tokens), prefix removed. */
export async function listObjects(
  target: S3Target,
  options: RequestOptions = {},
): Promise<string[]> {
  const prefix = target.prefix ?? '';
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const query: Record<string, string> = { 'list-type': '2', prefix };
    if (token) query['continuation-token'] = token;
    const response = await s3Request(target, 'GET', '/', { ...options, query });
    if (!response.ok) throw new Error(`S3 LIST answered HTTP ${response.status}`);
    const xml = await response.text();
    keys.push(...xmlText(xml, 'Key').map((k) => k.slice(prefix.length)));
    token = xml.includes('<IsTruncated>true</IsTruncated>')
      ? xmlText(xml, 'NextContinuationToken')[0]
      : undefined;
  } while (token);
  return keys;
}

export function s3TargetFromEnv(env: Record<string, string | undefined>): S3Target | null {
  const {
    BACKUP_S3_ENDPOINT,
    BACKUP_S3_BUCKET,
    BACKUP_S3_ACCESS_KEY_ID,
    BACKUP_S3_SECRET_ACCESS_KEY,
  } = env;
  if (
    !BACKUP_S3_ENDPOINT ||
    !BACKUP_S3_BUCKET ||
    !BACKUP_S3_ACCESS_KEY_ID ||
    !BACKUP_S3_SECRET_ACCESS_KEY
  )
    return null;
  return {
    endpoint: BACKUP_S3_ENDPOINT,
    bucket: BACKUP_S3_BUCKET,
    region: env.BACKUP_S3_REGION ?? 'us-east-1',
    accessKeyId: BACKUP_S3_ACCESS_KEY_ID,
    secretAccessKey: BACKUP_S3_SECRET_ACCESS_KEY,
    prefix: env.BACKUP_S3_PREFIX ?? 'tend/',
  };
}
