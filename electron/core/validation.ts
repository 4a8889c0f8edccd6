import type { z } from 'zod';

/** One readable sentence from a zod error: the first problem, with the field it is about. */
export function formatZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  const field = issue.path.length ? issue.path.join('.') : '';
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${field || 'A value'} is required.`;
  if (issue.code === 'unrecognized_keys') return `Unexpected field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`;
  const message = issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  return field && !message.toLowerCase().includes(field.toLowerCase()) ? `${field}: ${message}` : message;
}
