// The API reference's reading of an OpenAPI document: operations with parameters, bodies, responses and
// authentication, and schemas as short type outlines.
import { describe, expect, it } from 'vitest';
import { listOperations, loadApiDocument, namedSchemas } from './api-reference';
import type { ApiDocument } from './api-reference';

const doc: ApiDocument = {
  info: { title: 'Tend API', version: '1.2.3' },
  paths: {
    '/api/tasks/{id}': {
      patch: {
        tags: ['Tasks'],
        summary: 'Change a task',
        security: [{ bearer: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { title: { type: 'string' }, due: { type: ['string', 'null'] } },
                required: ['title'],
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The task',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Task' } } },
          },
          '404': { description: 'No such task' },
        },
      },
    },
    '/metrics': {
      get: {
        security: [{ bearer: [] }, { cronSecret: [] }],
        responses: { '200': { description: 'Text', content: { 'text/plain': {} } } },
      },
    },
  },
  components: { schemas: { Task: { type: 'object', properties: { id: { type: 'string' } } } } },
};

describe('the API reference model', () => {
  it('lists each operation with what a client needs to call it', () => {
    const [patch, metrics] = listOperations(doc);
    expect(patch).toMatchObject({
      method: 'PATCH',
      path: '/api/tasks/{id}',
      tag: 'Tasks',
      auth: 'Bearer token',
      parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
      body: '{\n  title: string\n  due?: string | null\n}',
      responses: [
        { status: '200', schema: 'Task', contentType: 'application/json' },
        { status: '404', schema: null, contentType: null },
      ],
    });
    expect(metrics).toMatchObject({ tag: 'Other', auth: 'Bearer token or Cron secret' });
    expect(metrics.responses[0].contentType).toBe('text/plain');
  });

  it('outlines nested, enumerated and open schemas', () => {
    /** The outline the reference shows for a named schema. */
    const schemaOutline = (schema: Record<string, unknown>) =>
      namedSchemas({ ...doc, components: { schemas: { S: schema } } })[0].outline;
    expect(schemaOutline({ type: 'array', items: { enum: ['a', 'b'] } })).toBe('"a" | "b"[]');
    expect(schemaOutline({ type: 'object', additionalProperties: { type: 'integer' } })).toBe(
      '{ [key: string]: integer }',
    );
    expect(schemaOutline({ anyOf: [{ const: 1 }, { type: 'null' }] })).toBe('1 | null');
    expect(namedSchemas(doc)).toEqual([{ name: 'Task', outline: '{\n  id?: string\n}' }]);
  });

  it('loads the document from the server, and fails on an error status', async () => {
    const served = async (status: number) =>
      new Response(JSON.stringify(doc), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    expect((await loadApiDocument(() => served(200))).info.version).toBe('1.2.3');
    await expect(loadApiDocument(() => served(503))).rejects.toThrow('openapi_503');
  });
});
