'use strict';
// Oracle for pruning: node resolves every static require('literal') of every .js file of a pruned tree.
// Usage: node require-check.js TREE ACORN. Run it without NODE_PATH, which would let node find packages the tree
// lacks; acorn is loaded from its folder ACORN. The tree's package.json files must have no "exports" (the device's
// resolver follows "main" only, so node must too; the test removes them from its copy of the tree).
// acorn finds the calls, independently of ipm's scanner. Prints {checked, failures: [{file, line, request}]}.
const fs = require('fs');
const path = require('path');
const Module = require('module');

const [tree, acornFolder] = process.argv.slice(2);
const acorn = require(acornFolder);
const root = fs.realpathSync(tree);

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

function requests(source) {
  const ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true, allowReturnOutsideFunction: true, locations: true });
  const found = [];
  (function visit(node) {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
      const a = node.arguments[0];
      if (a.type === 'Literal' && typeof a.value === 'string') found.push({ request: a.value, line: a.loc.start.line });
      if (a.type === 'TemplateLiteral' && a.expressions.length === 0) found.push({ request: a.quasis[0].value.cooked, line: a.loc.start.line });
    }
    for (const key of Object.keys(node)) {
      const v = node[key];
      for (const child of Array.isArray(v) ? v : [v]) {
        if (child && typeof child.type === 'string') visit(child);
      }
    }
  })(ast);
  return found;
}

const all = files(root);
let checked = 0;
const failures = [];
for (const file of all.filter(f => /\.c?js$/.test(f))) {
  const req = Module.createRequire(file);
  for (const r of requests(fs.readFileSync(file, 'utf8'))) {
    checked++;
    if (Module.isBuiltin(r.request)) continue;
    try {
      req.resolve(r.request);
    } catch (e) {
      failures.push({ file: '/' + path.relative(root, file).split(path.sep).join('/'), line: r.line, request: r.request });
    }
  }
}
process.stdout.write(JSON.stringify({ checked, failures }));
