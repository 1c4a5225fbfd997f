/** The browser bridge (bridge.ts) as JavaScript, transpiled once per launch: type stripping only, no bundling. */
import { readFile } from 'node:fs/promises';

export async function loadBridgeScript(): Promise<string> {
  const { default: ts } = await import('typescript');
  const source = await readFile(new URL('./bridge.ts', import.meta.url), 'utf8');
  return ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
}
