// What the model must answer: the quick-add fields of the task schema, nothing else. The same zod
// schema gives WebLLM its JSON schema (constrained decoding) and validates every answer, because
// a grammar only shapes tokens: it cannot know the calendar or what the user actually typed.
import * as z from 'zod/mini';
import { DATE_RE, DATETIME_RE, taskFieldsSchema } from '../core/task';

const { title, due, priority, project, labels, recurrence } = taskFieldsSchema.shape;

/** Strict: a field the schema does not name (a hallucinated `notes`, `time`, `reminder`) fails. */
export const aiAnswerSchema = z.strictObject({ title, due, priority, project, labels, recurrence });
export type AiAnswer = z.infer<typeof aiAnswerSchema>;

export const AI_FIELDS = ['title', 'due', 'priority', 'project', 'labels', 'recurrence'] as const;
export type AiField = (typeof AI_FIELDS)[number];

/** JSON Schema for `response_format`. zod cannot express the due refinements, so they are added as patterns. */
export function createAnswerJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(aiAnswerSchema, { unrepresentable: 'any' }) as {
    properties: Record<string, unknown>;
  };
  schema.properties.due = {
    anyOf: [
      { type: 'string', pattern: DATE_RE.source },
      { type: 'string', pattern: DATETIME_RE.source },
      { type: 'null' },
    ],
  };
  return schema;
}

export const ANSWER_JSON_SCHEMA = JSON.stringify(createAnswerJsonSchema());

type RejectReason = 'invalid_json' | 'schema' | 'out_of_range' | 'ungrounded';

type Validation =
  { ok: true; answer: AiAnswer } | { ok: false; reason: RejectReason; message: string };

/** How far ahead a due may lie before we call it a misreading rather than a plan. */
const MAX_YEARS_AHEAD = 10;

/**
 * Parses and checks one raw model answer against the schema, the reference day (`referenceNow` is
 * local `YYYY-MM-DDTHH:mm`) and the text the user typed.
 */
export function validateAnswer(raw: string, text: string, referenceNow: string): Validation {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: 'invalid_json', message: (error as Error).message };
  }
  const parsed = aiAnswerSchema.safeParse(json);
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) => {
        // zod/mini ships without locale texts: spell out the issue a model most often causes.
        const text =
          issue.code === 'unrecognized_keys'
            ? `fields the schema does not have: ${issue.keys.join(', ')}`
            : `${issue.message} (${issue.code})`;
        return `${issue.path.join('.') || '(root)'}: ${text}`;
      })
      .join('; ');
    return { ok: false, reason: 'schema', message };
  }
  const answer = parsed.data;
  const range = checkDueRange(answer.due, referenceNow);
  if (range) return { ok: false, reason: 'out_of_range', message: range };
  const grounded = checkGrounded(answer, text);
  if (grounded) return { ok: false, reason: 'ungrounded', message: grounded };
  return { ok: true, answer };
}

function checkDueRange(due: string | null, referenceNow: string): string | null {
  if (due === null) return null;
  const today = referenceNow.slice(0, 10);
  if (due.slice(0, 10) < today) return `due ${due} lies before the reference day ${today}`;
  const limit = `${Number(today.slice(0, 4)) + MAX_YEARS_AHEAD}${today.slice(4)}`;
  if (due.slice(0, 10) > limit) return `due ${due} lies more than ${MAX_YEARS_AHEAD} years ahead`;
  return null;
}

const fold = (s: string) => s.toLocaleLowerCase().normalize('NFKD');
const words = (s: string) => fold(s).match(/[\p{L}\p{N}]+/gu) ?? [];

/** Projects and labels must be named in the text, and the title must share words with it. */
function checkGrounded(answer: AiAnswer, text: string): string | null {
  const typed = fold(text);
  for (const name of [answer.project, ...answer.labels]) {
    if (name !== null && !typed.includes(fold(name))) return `"${name}" does not occur in the text`;
  }
  const typedWords = new Set(words(text));
  const titleWords = words(answer.title);
  const shared = titleWords.filter((w) => typedWords.has(w)).length;
  if (shared === 0 || shared < titleWords.length / 2) {
    return `title "${answer.title}" is not taken from the text`;
  }
  return null;
}
