// The operations the server answers, declared once beside the routes with the same zod schemas the routes
// validate with; GET /api/openapi.json is built from what is registered on the app, so the core and the
// operations side each add their own and the document shows what this server actually mounts.
import type { z } from 'zod';

type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call: nobody in particular, a signed-in user, a staff role (with a permission) or the cron secret. */
export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'staff'; permission: string }
  | { kind: 'cron' }
  | { kind: 'cron-or-staff'; permission: string };

interface ResponseSpec {
  description: string;
  schema?: z.core.$ZodType;
  /** Defaults to application/json when there is a schema. */
  contentType?: string;
}

export interface OperationSpec {
  method: HttpMethod;
  /** Hono's spelling: `/api/tasks/:id`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** Objects whose properties become path and query parameters. */
  params?: z.core.$ZodObject;
  query?: z.core.$ZodObject;
  body?: z.core.$ZodType;
  responses: Record<number, ResponseSpec>;
  /** Statuses answered with the error body (`{ error: { code, message, details } }`; GoTrue's on /auth). */
  errors: Record<number, string>;
}

const registries = new WeakMap<object, OperationSpec[]>();

/** Adds operations to what `app` documents; keyed by the app object, so each app has its own list. */
export function registerOperations(app: object, operations: OperationSpec[]): void {
  const list = registries.get(app) ?? [];
  list.push(...operations);
  registries.set(app, list);
}

export function registeredOperations(app: object): readonly OperationSpec[] {
  return registries.get(app) ?? [];
}

/** The same operation for GET and POST (cron jobs accept both). */
export function onGetAndPost(spec: Omit<OperationSpec, 'method'>): OperationSpec[] {
  return [
    { ...spec, method: 'get' },
    { ...spec, method: 'post' },
  ];
}

/** An operation as a group declares it: the group gives its tag, and its access unless it names its own. */
type DeclaredOperation = Omit<OperationSpec, 'tag' | 'access' | 'errors'> &
  Partial<Pick<OperationSpec, 'access' | 'errors'>>;

/**
 * Declares operations a tag at a time. Each answers, besides its own errors, those its access and input
 * imply (`implied`: a 401 for a signed-in caller, a 400 for a body); its own text for a status wins.
 */
export function createOperationGroup(
  implied: (operation: Omit<OperationSpec, 'errors'>) => Record<number, string>,
) {
  return (tag: string, access: Access, operations: DeclaredOperation[]): OperationSpec[] =>
    operations.map(({ errors, ...declared }) => {
      const operation = { tag, access, ...declared };
      return { ...operation, errors: { ...implied(operation), ...errors } };
    });
}
