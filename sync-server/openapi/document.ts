// Builds the OpenAPI 3.1 document from the registered operations: zod schemas become JSON Schema 2020-12
// (OpenAPI 3.1's dialect) with z.toJSONSchema, named shapes (`.meta({ id })`) land once in components.
import { z } from 'zod';
import type { Access, OperationSpec } from './registry';
import { apiErrorSchema, authErrorSchema } from './shapes';

type JsonSchema = Record<string, unknown>;

const SECURITY: Record<Access['kind'], Record<string, string[]>[] | undefined> = {
  public: [],
  user: [{ bearer: [] }],
  staff: [{ bearer: [] }],
  cron: [{ cronSecret: [] }],
  'cron-or-staff': [{ bearer: [] }, { cronSecret: [] }],
};

/** `/api/tasks/:id` -> `/api/tasks/{id}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function accessNote(access: Access): string {
  switch (access.kind) {
    case 'public':
      return '';
    case 'user':
      return 'Requires a signed-in user (Bearer access token).';
    case 'staff':
      return `Requires a staff role with the permission \`${access.permission}\`.`;
    case 'cron':
      return 'Requires `Authorization: Bearer $CRON_SECRET`.';
    case 'cron-or-staff':
      return `Requires the cron secret or a staff role with \`${access.permission}\`.`;
  }
}

interface DocumentInfo {
  version: string;
  serverUrl?: string;
}

export function buildOpenApiDocument(operations: readonly OperationSpec[], info: DocumentInfo) {
  const components: Record<string, JsonSchema> = {};
  // Shapes named with `.meta({ id })` go to components.schemas once and are referenced from there.
  const convert = (schema: z.core.$ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      reused: 'inline',
    });
    const moved = JSON.parse(
      JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/'),
    ) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const { $schema: _dialect, $defs, ...rest } = moved;
    for (const [id, def] of Object.entries($defs ?? {})) components[id] ??= def;
    return rest;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', op.params],
      ['query', op.query],
    ] as const) {
      if (!schema) continue;
      const json = convert(schema, 'input') as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        const { description, ...propertySchema } = property;
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          ...(typeof description === 'string' ? { description } : {}),
          schema: propertySchema,
        });
      }
    }
    const isAuth = op.path.startsWith('/auth/');
    const errorRef = convert(isAuth ? authErrorSchema : apiErrorSchema, 'output');
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(op.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? {
              content: {
                [response.contentType ?? 'application/json']: {
                  schema: convert(response.schema, 'output'),
                },
              },
            }
          : response.contentType
            ? { content: { [response.contentType]: { schema: { type: 'string' } } } }
            : {}),
      };
    }
    for (const [status, description] of Object.entries(op.errors)) {
      responses[status] = { description, content: { 'application/json': { schema: errorRef } } };
    }
    const note = accessNote(op.access);
    const description = [op.description, note].filter(Boolean).join('\n\n');
    const path = openApiPath(op.path);
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: `${op.method}${path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      tags: [op.tag],
      summary: op.summary,
      ...(description ? { description } : {}),
      security: SECURITY[op.access.kind],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: convert(op.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }

  return {
    openapi: '3.1.1',
    info: {
      title: 'Tend API',
      version: info.version,
      description:
        'The sync server of Tend, a local-first task app. Errors are `{ error: { code, message, details } }`; ' +
        "the GoTrue-compatible `/auth/v1` routes answer in GoTrue's shape (`code`, `error_code`, `msg`) as well.",
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access token from POST /auth/v1/token (or Supabase Auth).',
        },
        cronSecret: {
          type: 'http',
          scheme: 'bearer',
          description: 'The CRON_SECRET of the deployment (Vercel Cron sends it).',
        },
      },
    },
  };
}
