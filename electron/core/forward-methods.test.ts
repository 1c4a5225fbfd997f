import { describe, expect, expectTypeOf, it } from 'vitest';
import { forwardMethods } from './forward-methods.js';

interface Api {
  double(input: { n: number }): Promise<number>;
  fail(input: { why: string }): Promise<never>;
  name(input: Record<string, never>): Promise<string>;
}

describe('forwardMethods', () => {
  it('each named method waits for the target, then calls its method of the same name with the input', async () => {
    const opened: string[] = [];
    let open!: (api: Api) => void;
    const target = new Promise<Api>((resolve) => (open = resolve));
    const api: Api = {
      double: async ({ n }) => 2 * n,
      fail: async ({ why }) => Promise.reject(new Error(why)),
      name: async () => 'account',
    };
    const forwarded = forwardMethods(['double', 'fail'], () => {
      opened.push('asked');
      return target;
    });
    const answer = forwarded.double({ n: 21 });
    open(api);
    expect(await answer).toBe(42);
    await expect(forwarded.fail({ why: 'offline' })).rejects.toThrow('offline');
    expect(Object.keys(forwarded)).toEqual(['double', 'fail']);
    expect(opened).toHaveLength(2);
  });

  it('keeps each method’s own types', () => {
    const forwarded = forwardMethods(['double', 'name'], async (): Promise<Api> => ({}) as Api);
    expectTypeOf(forwarded.double).toEqualTypeOf<Api['double']>();
    expectTypeOf(forwarded).not.toHaveProperty('fail');
    // @ts-expect-error a name the target does not have
    forwardMethods(['triple'], async (): Promise<Api> => ({}) as Api);
  });
});
