import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('remote config', () => {
  it('has working defaults: port 4000, embedded database, 15-minute tokens, retries off, strict auth limits', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 4000, databaseUrl: undefined, dataDir: '.remote-data', jwt: { ttlSeconds: 900, audience: 'physical-ai-reader' } });
    expect(c.groq).toMatchObject({ apiKey: undefined, maxRetries: 0 });
    expect(c.limits.auth).toEqual({ max: 5, windowSeconds: 900 });
    expect(c.limits.sync).toEqual({ max: 300, windowSeconds: 60, quotaBytes: 20 * 1024 * 1024, tombstoneRetentionSeconds: 30 * 86_400, pushMaxBytes: 512 * 1024, pushMaxMutations: 500 });
  });

  it('uses DATABASE_URL for migrations unless DIRECT_DATABASE_URL is given, and splits lists', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://pooled' }).directDatabaseUrl).toBe('postgres://pooled');
    const c = loadConfig({ DATABASE_URL: 'postgres://pooled', DIRECT_DATABASE_URL: 'postgres://direct', CORS_ORIGINS: 'https://a.test, https://b.test', TRUSTED_PROXY: '10.0.0.0/8' });
    expect(c.directDatabaseUrl).toBe('postgres://direct');
    expect(c.corsOrigins).toEqual(['https://a.test', 'https://b.test']);
    expect(c.trustedProxies).toEqual(['10.0.0.0/8']);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', GROQ_API_KEY: ' ', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 4000, groq: { apiKey: undefined } });
  });

  it('keeps /metrics off unless REMOTE_METRICS=token comes with a long enough REMOTE_METRICS_TOKEN', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ REMOTE_METRICS_TOKEN: 'x'.repeat(32) }).metricsToken).toBeUndefined();
    expect(loadConfig({ REMOTE_METRICS: 'token', REMOTE_METRICS_TOKEN: 'x'.repeat(32) }).metricsToken).toBe('x'.repeat(32));
    expect(() => loadConfig({ REMOTE_METRICS: 'token' })).toThrow(/REMOTE_METRICS_TOKEN/);
    expect(() => loadConfig({ REMOTE_METRICS: 'token', REMOTE_METRICS_TOKEN: 'short' })).toThrow(/REMOTE_METRICS_TOKEN/);
    expect(() => loadConfig({ REMOTE_METRICS: 'on' })).toThrow(/REMOTE_METRICS/);
  });

  it('names every bad setting', () => {
    let message = '';
    try {
      loadConfig({ BETTER_AUTH_SECRET: 'short', JWT_TTL_SECONDS: '86400', PORT: 'abc' });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const name of ['BETTER_AUTH_SECRET', 'JWT_TTL_SECONDS', 'PORT']) expect(message).toContain(name);
  });

  it('runs one process by default and refuses several on the embedded database', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://pooled', REMOTE_WORKERS: '4' }).workers).toBe(4);
    expect(() => loadConfig({ REMOTE_WORKERS: '2' })).toThrow(/REMOTE_WORKERS above 1 needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://pooled', REMOTE_WORKERS: '0' })).toThrow(/REMOTE_WORKERS/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://pooled', REMOTE_WORKERS: '65' })).toThrow(/REMOTE_WORKERS must be 1..64/);
  });
});
