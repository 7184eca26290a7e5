// One way every store turns a zod failure into its typed error (a code the UI words in one place).
import * as z from 'zod/mini';
import { describeValidationError } from '../core/task-shape';

/** A store error made from the described failure and zod's issues. */
type ValidationError = new (message: string, details?: unknown) => Error;

/** Runs a zod parse, turning its failure into the store's typed error `As`. */
export function validated<T>(parse: () => T, As: ValidationError): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof z.core.$ZodError)
      throw new As(describeValidationError(error), error.issues);
    throw error;
  }
}
