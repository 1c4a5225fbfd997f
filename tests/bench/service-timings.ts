/**
 * The service's own view of a benchmark phase, read from its /metrics before and after: time to first delta as
 * the service measures it (so the client's and the fake Groq's share of the machine is left out), and, for
 * generated streams, how much of it was Groq's own first token. Means are exact (histogram sum / count); the
 * p95 is the upper bound of the bucket holding it.
 */
type Sample = { name: string; labels: Record<string, string>; value: number };
export type MetricsSnapshot = Sample[];

export async function scrapeMetrics(url: string, token: string): Promise<MetricsSnapshot> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`/metrics: HTTP ${res.status}`);
  const samples: Sample[] = [];
  for (const line of (await res.text()).split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (m) samples.push({ name: m[1]!, labels: Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1]!, x[2]!])), value: Number(m[3]) });
  }
  return samples;
}

/** Sum of the samples named `name` whose labels include `labels`, in `after` minus in `before`. */
function delta(before: MetricsSnapshot, after: MetricsSnapshot, name: string, labels: Record<string, string>): number {
  const total = (s: MetricsSnapshot) =>
    s.filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v)).reduce((a, x) => a + x.value, 0);
  return total(after) - total(before);
}

/** One line: the service's mean and p95 (bucket bound) time to first delta on `route`, and Groq's part of it. */
export function serviceSide(before: MetricsSnapshot, after: MetricsSnapshot, route: string, source: 'groq' | 'cache'): string {
  const h = 'remote_stream_first_byte_seconds';
  const labels = { route, source };
  const n = delta(before, after, `${h}_count`, labels);
  if (n === 0) return 'no streams seen';
  const mean = (delta(before, after, `${h}_sum`, labels) / n) * 1000;
  const les = [...new Set(after.filter((x) => x.name === `${h}_bucket` && x.labels.le !== '+Inf').map((x) => Number(x.labels.le)))].sort((a, b) => a - b);
  const p95 = les.find((le) => delta(before, after, `${h}_bucket`, { ...labels, le: String(le) }) >= 0.95 * n);
  let line = `service-side first delta: mean ${mean.toFixed(1)} ms, p95 <= ${p95 === undefined ? '>max bucket' : `${p95 * 1000} ms`}`;
  if (source === 'groq') {
    const g = 'remote_groq_first_token_seconds';
    const groqMean = (delta(before, after, `${g}_sum`, {}) / delta(before, after, `${g}_count`, {})) * 1000;
    line += `; Groq's first token (as the service saw it) ${groqMean.toFixed(1)} ms, so the service added ${(mean - groqMean).toFixed(1)} ms on average`;
  }
  return line;
}
