import { describe, expect, it } from 'vitest';
import { createLogger, formatLine } from './logger.js';
import { REDACTED, redact, redactText } from './redact.js';

const at = new Date('2026-11-26T10:00:00.000Z');
function capture(level: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = [];
  const scope = createLogger({ level, sinks: [(line) => lines.push(line)], now: () => at });
  return { lines, log: scope('engine'), records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logger', () => {
  it('writes one JSON line per entry: time, level, scope, msg, then the fields', () => {
    const { lines, log } = capture('debug');
    log.info('book imported', { bookId: 'b1', chapters: 12 });
    expect(lines).toEqual(['{"time":"2026-11-26T10:00:00.000Z","level":"info","scope":"engine","msg":"book imported","bookId":"b1","chapters":12}']);
  });

  it('drops entries under the configured level', () => {
    const { log, records } = capture('warn');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(records().map((r) => r.level)).toEqual(['warn', 'error']);
    const all = capture('debug');
    for (const level of ['debug', 'info', 'warn', 'error'] as const) all.log[level](level);
    expect(all.records().map((r) => r.msg)).toEqual(['debug', 'info', 'warn', 'error']);
  });

  it('a field cannot replace the line’s own keys', () => {
    const line = JSON.parse(formatLine(at, 'error', 'ipc', 'refused', { level: 'debug', scope: 'x', msg: 'y', time: 0, method: 'signIn' }));
    expect(line).toEqual({ time: at.toISOString(), level: 'error', scope: 'ipc', msg: 'refused', method: 'signIn' });
  });

  it('logs an error as name, message and stack', () => {
    const { log, records } = capture('info');
    log.error('failed', { error: new TypeError('boom') });
    expect(records()[0]!.error).toMatchObject({ name: 'TypeError', message: 'boom', stack: expect.stringContaining('boom') });
  });

  it('a sink that throws does not stop the others or the caller', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', sinks: [() => { throw new Error('disk full'); }, (l) => lines.push(l)] })('x');
    expect(() => log.error('still here')).not.toThrow();
    expect(lines).toHaveLength(1);
  });
});

describe('redaction', () => {
  const jwt = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLWJ5dGVz';

  it('replaces fields named like secrets, at any depth', () => {
    expect(
      redact({ sessionToken: 's', password: 'p', BETTER_AUTH_SECRET: 'x', authorization: 'a', 'set-cookie': 'c', apiKey: 'k', jwt: 'j', email: 'a@b.co', nested: { headers: { Authorization: 'Bearer z', accept: 'text/html' } } }),
    ).toEqual({
      sessionToken: REDACTED,
      password: REDACTED,
      BETTER_AUTH_SECRET: REDACTED,
      authorization: REDACTED,
      'set-cookie': REDACTED,
      apiKey: REDACTED,
      jwt: REDACTED,
      email: 'a@b.co',
      nested: { headers: { Authorization: REDACTED, accept: 'text/html' } },
    });
  });

  it('cuts JWTs and bearer credentials out of any string, messages included', () => {
    expect(redactText(`token ${jwt} refused`)).toBe(`token ${REDACTED} refused`);
    expect(redactText('sent Authorization: Bearer abc.def-123 to the service')).toBe(`sent Authorization: Bearer ${REDACTED} to the service`);
    const { lines } = capture('info');
    const log = createLogger({ level: 'info', sinks: [(l) => lines.push(l)] })('account');
    log.error(`could not verify ${jwt}`, { detail: [`Bearer ${jwt}`], error: new Error(`bad token ${jwt}`) });
    expect(lines.join('\n')).not.toContain('eyJhbGci');
    expect(lines.join('\n')).not.toContain('c2lnbmF0dXJl');
  });

  it('leaves ordinary text alone', () => {
    expect(redactText('Chapter 3: the Bearer of bad news; eyJ alone')).toBe('Chapter 3: the Bearer of bad news; eyJ alone');
  });
});
