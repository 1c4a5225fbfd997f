/** Runs the web host as `npm run web` does (serve.ts under tsx) and reads the address it prints. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
// The address may carry a link to open in its query (`--open`) before the launch token's fragment.
const READY = /Reader running at (http:\/\/127\.0\.0\.1:\d+\/(?:\?\S*)?#launch=\S+)/;
const START_TIMEOUT_MS = 45_000;

export interface WebHostProcess {
  url: string;
  stop(): Promise<void>;
}

/** `env` is added to this process's environment (a spec's service URL, keychain entry name...); `extraArgs` to serve.ts's. */
export async function startWebHostProcess(
  dataDir: string,
  log: (line: string) => void,
  env: Record<string, string> = {},
  extraArgs: string[] = [],
): Promise<WebHostProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron/core/web-host/serve.ts'), '--data', dataDir, '--port', '0', ...extraArgs],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start in time:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
      const match = READY.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with code ${code}:\n${output}`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
