// Reads the server's OpenAPI document (GET /api/openapi.json) into the rows the API reference page shows,
// and writes each schema as a short type outline. Pure apart from loadApiDocument.

type Schema = Record<string, unknown>;

export interface ApiDocument {
  info: { title: string; version: string; description?: string };
  tags?: { name: string }[];
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface RawOperation {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: Schema;
  }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<
    string,
    { description: string; content?: Record<string, { schema?: Schema }> }
  >;
}

export interface ApiOperation {
  id: string;
  method: string;
  path: string;
  tag: string;
  summary: string;
  description: string;
  auth: string;
  parameters: { name: string; in: string; required: boolean; type: string; description: string }[];
  body: string | null;
  responses: {
    status: string;
    description: string;
    contentType: string | null;
    schema: string | null;
  }[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const MAX_DEPTH = 4;

/** A schema as a compact type: `{ title: string, due?: string | null }`; named shapes stay by name. */
function schemaOutline(schema: Schema | undefined, depth = 0): string {
  if (!schema) return 'any';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop() ?? 'any';
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) return list.map((s) => schemaOutline(s as Schema, depth)).join(' | ');
  }
  const type = schema.type;
  if (Array.isArray(type))
    return type.map((t) => schemaOutline({ ...schema, type: t }, depth)).join(' | ');
  if (type === 'array') return `${schemaOutline(schema.items as Schema, depth)}[]`;
  if (type === 'object' || schema.properties) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const keys = Object.keys(properties);
    if (keys.length === 0) {
      const extra = schema.additionalProperties;
      return extra && typeof extra === 'object'
        ? `{ [key: string]: ${schemaOutline(extra as Schema, depth)} }`
        : '{}';
    }
    if (depth >= MAX_DEPTH) return '{ … }';
    const pad = '  '.repeat(depth + 1);
    const lines = keys.map(
      (k) => `${pad}${k}${required.has(k) ? '' : '?'}: ${schemaOutline(properties[k], depth + 1)}`,
    );
    return `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}`;
  }
  return typeof type === 'string' ? (type === 'integer' ? 'integer' : type) : 'any';
}

function authOf(security: RawOperation['security']): string {
  if (!security || security.length === 0) return 'None';
  return security
    .map((s) => Object.keys(s).map((k) => (k === 'cronSecret' ? 'Cron secret' : 'Bearer token')))
    .flat()
    .join(' or ');
}

function firstContent(content: Record<string, { schema?: Schema }> | undefined) {
  const [type, media] = Object.entries(content ?? {})[0] ?? [];
  return type ? { type, schema: media?.schema } : null;
}

export function listOperations(doc: ApiDocument): ApiOperation[] {
  const out: ApiOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const body = firstContent(op.requestBody?.content);
      out.push({
        id: `op-${method}-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`,
        method: method.toUpperCase(),
        path,
        tag: op.tags?.[0] ?? 'Other',
        summary: op.summary ?? '',
        description: op.description ?? '',
        auth: authOf(op.security),
        parameters: (op.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in,
          required: p.required === true,
          type: schemaOutline(p.schema),
          description: p.description ?? '',
        })),
        body: body ? schemaOutline(body.schema) : null,
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => {
          const content = firstContent(r.content);
          return {
            status,
            description: r.description,
            contentType: content?.type ?? null,
            schema: content?.schema ? schemaOutline(content.schema) : null,
          };
        }),
      });
    }
  }
  return out;
}

/** The shared shapes the operations refer to by name. */
export function namedSchemas(doc: ApiDocument): { name: string; outline: string }[] {
  return Object.entries(doc.components?.schemas ?? {}).map(([name, schema]) => ({
    name,
    outline: schemaOutline(schema),
  }));
}

export async function loadApiDocument(fetchImpl: typeof fetch = fetch): Promise<ApiDocument> {
  const response = await fetchImpl('/api/openapi.json', {
    headers: { Accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`openapi_${response.status}`);
  return (await response.json()) as ApiDocument;
}
