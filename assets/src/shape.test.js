// The project's limits on hand-written JavaScript: no file over 600 lines,
// no function over 150, so that each can be held in one's head.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import ts from '../../e2e/testdata/npm/node_modules/typescript/lib/typescript.js';

const MAX_FILE_LINES = 600;
const MAX_FUNCTION_LINES = 150;

// sources lists the hand-written JavaScript: these modules, the classic
// loader and the demo's page scripts.
async function sources() {
  const root = new URL('../../', import.meta.url);
  const out = [];
  for (const dir of ['assets/src/', 'assets/', 'web/']) {
    for (const name of await readdir(new URL(dir, root))) {
      if (!name.endsWith('.js') || name.endsWith('.test.js') || name.endsWith('.gen.js')) continue;
      const path = dir + name;
      const text = await readFile(new URL(path, root), 'utf8');
      if (text.slice(0, 400).includes('Code generated')) continue; // assets/credfetch.js, the bundle
      out.push({ path, text });
    }
  }
  return out;
}

// functions returns each function in a file with its length in lines.
function functions(path, text) {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const out = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && node.body) {
      const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const end = file.getLineAndCharacterOfPosition(node.end).line;
      const name = node.name ? node.name.getText(file) : `(anonymous, line ${start + 1})`;
      out.push({ name, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

test('no hand-written JavaScript file is over 600 lines', async () => {
  const files = await sources();
  assert.ok(files.length >= 15, `found ${files.length} files`);
  for (const { path, text } of files) {
    const lines = text.split('\n').length - 1;
    assert.ok(lines <= MAX_FILE_LINES, `${path} has ${lines} lines (at most ${MAX_FILE_LINES})`);
  }
});

test('no JavaScript function is over 150 lines', async () => {
  let counted = 0;
  for (const { path, text } of await sources()) {
    for (const f of functions(path, text)) {
      counted++;
      assert.ok(f.lines <= MAX_FUNCTION_LINES, `${path}: ${f.name} has ${f.lines} lines (at most ${MAX_FUNCTION_LINES})`);
    }
  }
  assert.ok(counted > 100, `measured ${counted} functions`);
});

test('no hand-written Go file is over 600 lines', async () => {
  // Go's limit is the same; the files are those git has or would add.
  const { execFileSync } = await import('node:child_process');
  const { existsSync } = await import('node:fs');
  const root = new URL('../../', import.meta.url);
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.go'], { cwd: root, encoding: 'utf8' })
    .split('\n').filter((f) => f && existsSync(new URL(f, root)));
  assert.ok(files.length > 100, `found ${files.length} Go files`);
  for (const path of files) {
    if (path.endsWith('_test.go')) continue;
    const text = await readFile(new URL(path, root), 'utf8');
    if (text.slice(0, 400).includes('Code generated')) continue;
    const lines = text.split('\n').length - 1;
    assert.ok(lines <= MAX_FILE_LINES, `${path} has ${lines} lines (at most ${MAX_FILE_LINES})`);
  }
});

test('the measure sees a long function', () => {
  const long = `function big() {\n${'  x();\n'.repeat(200)}}\n`;
  assert.deepEqual(functions('big.js', long).map((f) => [f.name, f.lines]), [['big', 202]]);
});
