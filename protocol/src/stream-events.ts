import { z } from 'zod';

/**
 * The SSE events every generation route sends, in order: `meta`, `delta`s, then `done`, or `error` when the
 * generator failed after the stream began. Each route has its own `meta` and adds its own fields to `done`.
 * `data` is one line of JSON.
 */
export const deltaData = z.object({ text: z.string() });
export const doneData = z.object({ complete: z.boolean(), chars: z.number().int().nonnegative() });
export const streamErrorData = z.object({ status: z.number().int(), error: z.string(), message: z.string() });
export type DeltaData = z.infer<typeof deltaData>;
export type DoneData = z.infer<typeof doneData>;
export type StreamErrorData = z.infer<typeof streamErrorData>;

export type GenerationEvent<Meta, DoneExtra> =
  | { event: 'meta'; data: Meta }
  | { event: 'delta'; data: DeltaData }
  | { event: 'done'; data: DoneData & DoneExtra }
  | { event: 'error'; data: StreamErrorData };

export function generationEvents<Meta, DoneExtra>(
  meta: z.ZodType<Meta>,
  doneExtra: z.ZodType<DoneExtra>,
): z.ZodType<GenerationEvent<Meta, DoneExtra>> {
  return z.discriminatedUnion('event', [
    z.object({ event: z.literal('meta'), data: meta }),
    z.object({ event: z.literal('delta'), data: deltaData }),
    z.object({ event: z.literal('done'), data: doneData.and(doneExtra) }),
    z.object({ event: z.literal('error'), data: streamErrorData }),
  ]);
}
