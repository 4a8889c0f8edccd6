/**
 * Building blocks for the typed contract: a channel is a zod input schema plus a phantom output type.
 *
 * Feature contracts (`shared/<feature>/contract.ts`) use `channel<Output>()(inputSchema)` and are
 * merged in `shared/contract.ts`; both transports and the renderer client are derived from that map.
 */
import type { z } from 'zod';

export interface ChannelSpec<Input extends z.ZodType, Output> {
  input: Input;
  /** Never read at run time: it carries the output type. */
  readonly output?: Output;
}

export function channel<Output>() {
  return <Input extends z.ZodType>(input: Input): ChannelSpec<Input, Output> => ({ input });
}

export type ChannelMap = Record<string, ChannelSpec<z.ZodType, unknown>>;
export type InputOf<C> = C extends ChannelSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends ChannelSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends ChannelSpec<z.ZodType, infer O> ? O : never;
