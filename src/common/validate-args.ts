/**
 * Argument validation for type-graphql: class-validator on input objects, loaded once. Page
 * arguments (ConnectionArgs) are checked by the pagination code itself, so the many nested
 * connections of a page skip class-validator entirely.
 */
import { ValidationError, validate } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { ConnectionArgs } from './pagination';

const OPTIONS = { skipMissingProperties: true, forbidUnknownValues: false } as const;

export async function validateArgs(value: unknown, type: unknown): Promise<void> {
  if (value === null || typeof value !== 'object' || type === ConnectionArgs || value instanceof ConnectionArgs) return;
  const items = Array.isArray(value) ? value.filter((v) => v !== null && typeof v === 'object') : [value];
  const errors: ValidationError[] = (await Promise.all(items.map((v) => validate(v as object, OPTIONS)))).flat();
  if (errors.length) throw new ArgumentValidationError(errors);
}
