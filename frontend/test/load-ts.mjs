// Loads one of the app's TypeScript modules in a unit test: the TypeScript compiler (already a
// dev dependency) strips its types, and the result is imported as a module. Only for modules
// without value imports (type imports are erased), such as src/lib/appointments/*.ts.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function loadTs(path) {
  const source = readFileSync(join(root, path), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: path,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, isolatedModules: true },
  });
  if (/^\s*import\s(?!type\b)/m.test(outputText)) throw new Error(`${path} has value imports; loadTs cannot resolve them`);
  return import(`data:text/javascript;base64,${Buffer.from(outputText).toString('base64')}`);
}
