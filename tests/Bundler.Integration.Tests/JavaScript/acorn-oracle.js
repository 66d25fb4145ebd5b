// The oracle for the JavaScript stage, run once per test class over the whole corpus:
//   node acorn-oracle.js <acorn module dir> <manifest.json> <results.json>
// The manifest lists, per file, the original, our minified output and our tokens. For each file this parses the
// original with acorn (script first, module only if the script parse fails), records whether it also parses as
// ECMAScript 5, lists its require() calls, compares our tokens with the tokens acorn's parser consumed, and
// compares the ASTs of the original and of our minified output, ignoring positions only.
// Tokens come from the parse (onToken), not from acorn.tokenizer(): the standalone tokenizer guesses regex versus
// division from context alone and its parser corrects some guesses (an object literal after a conditional's `:`,
// `async function` expressions, `{ class() {} }`); the parser's tokens are the ones that are right.
'use strict';
const fs = require('fs');
const [acornDir, manifestPath, resultsPath] = process.argv.slice(2);
const acorn = require(require('path').resolve(acornDir));
const tt = acorn.tokTypes;
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));

function parse(text, ecmaVersion, sourceType, onToken) {
  // CommonJS modules are function bodies: Node.js and IoT.js both allow a top-level return.
  return acorn.parse(text, {
    ecmaVersion, sourceType, allowHashBang: true, allowReturnOutsideFunction: true, locations: !!onToken, onToken,
  });
}

function parseOriginal(text) {
  const tokens = [];
  try {
    return { ast: parse(text, 'latest', 'script', tokens), sourceType: 'script', tokens };
  } catch (scriptError) {
    const moduleTokens = [];
    try {
      return { ast: parse(text, 'latest', 'module', moduleTokens), sourceType: 'module', tokens: moduleTokens };
    } catch (e) {
      return { error: scriptError.message };
    }
  }
}

// Kinds shared with the C# side: word, private name, number, string, regexp, template piece, punctuator.
function kindOf(type) {
  if (type === tt.name || type.keyword) return 0;
  if (type === tt.privateId) return 1;
  if (type === tt.num) return 2;
  if (type === tt.string) return 3;
  if (type === tt.regexp) return 4;
  return 6;
}

// Acorn splits a template into ` template ${ ... } template `; we read `...${, }...${ and }...` as one token each.
function normalize(tokens) {
  const out = [];
  const braces = [];
  let cur = null;
  for (const t of tokens) {
    const type = t.type;
    if (type === tt.eof) continue;
    if (type === tt.backQuote) {
      if (cur === null) cur = { kind: 5, start: t.start, line: t.loc.start.line };
      else { cur.end = t.end; out.push(cur); cur = null; }
      continue;
    }
    if (type === tt.template || type === tt.invalidTemplate) continue;
    if (type === tt.dollarBraceL) { cur.end = t.end; out.push(cur); cur = null; braces.push(true); continue; }
    if (type === tt.braceL) braces.push(false);
    if (type === tt.braceR && braces.pop() === true) { cur = { kind: 5, start: t.start, line: t.loc.start.line }; continue; }
    out.push({ kind: kindOf(type), start: t.start, end: t.end, line: t.loc.start.line });
  }
  return out;
}

// UTF-16 index -> UTF-8 byte offset, for the whole text.
function byteOffsets(text) {
  const map = new Int32Array(text.length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    map[i] = b;
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) { map[i + 1] = b; b += 4; i++; }
    else b += 3;
  }
  map[text.length] = b;
  return map;
}

function compareTokens(text, acornTokens, ours) {
  const theirs = normalize(acornTokens);
  const map = byteOffsets(text);
  const bytes = Buffer.from(text, 'utf8');
  const show = (s, e) => JSON.stringify(bytes.subarray(s, e).toString('utf8').slice(0, 60));
  const n = Math.max(theirs.length, ours.length / 4);
  for (let i = 0; i < n; i++) {
    const t = theirs[i];
    const o = i * 4 < ours.length ? { kind: ours[i * 4], start: ours[i * 4 + 1], end: ours[i * 4 + 2], line: ours[i * 4 + 3] } : undefined;
    if (!t || !o) {
      return `token #${i}: ${t ? 'acorn has ' + show(map[t.start], map[t.end]) : 'acorn has no more tokens'}, ` +
        `ours ${o ? 'has ' + show(o.start, o.end) : 'has no more tokens'}`;
    }
    const ts = map[t.start], te = map[t.end];
    if (t.kind !== o.kind || ts !== o.start || te !== o.end || t.line !== o.line) {
      return `token #${i} (line ${t.line}): acorn kind ${t.kind} ${show(ts, te)} line ${t.line}, ` +
        `ours kind ${o.kind} ${show(o.start, o.end)} line ${o.line}`;
    }
  }
  return null;
}

const positional = new Set(['start', 'end', 'loc', 'range']);

// First path where two ASTs differ, or null. Positions are ignored; `raw` is compared as is, since the minifier
// copies every literal's bytes.
function diff(a, b, path) {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    if (typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b)) return null;
    return `${path}: ${String(a).slice(0, 80)} != ${String(b).slice(0, 80)}`;
  }
  if (a instanceof RegExp || b instanceof RegExp) return String(a) === String(b) ? null : `${path}: ${a} != ${b}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${path}.length: ${a.length} != ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (positional.has(k)) continue;
    const d = diff(a[k], b[k], path ? `${path}.${k}` : k);
    if (d) return d;
  }
  return null;
}

// Every call of the identifier `require` (also `new require(...)`), in source order: [line, specifier or null].
// A specifier is given when the only argument is a string literal or a template without substitutions.
function requires(ast) {
  const found = [];
  (function walk(node) {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (!node || typeof node !== 'object' || typeof node.type !== 'string') return;
    if ((node.type === 'CallExpression' && !node.optional || node.type === 'NewExpression') &&
        node.callee.type === 'Identifier' && node.callee.name === 'require') {
      const args = node.arguments;
      const a = args.length === 1 ? args[0] : null;
      const value = a && a.type === 'Literal' && typeof a.value === 'string' ? a.value
        : a && a.type === 'TemplateLiteral' && a.expressions.length === 0 ? a.quasis[0].value.cooked : null;
      found.push({ start: node.callee.start, line: node.callee.loc.start.line, value });
    }
    for (const k of Object.keys(node)) if (!positional.has(k)) walk(node[k]);
  })(ast);
  return found.sort((x, y) => x.start - y.start).map(r => [r.line, r.value]);
}

const results = [];
for (const f of manifest.files) {
  const r = { id: f.id };
  const text = fs.readFileSync(f.path, 'utf8');
  const original = parseOriginal(text);
  if (original.error) {
    r.unparseable = original.error;
    results.push(r);
    continue;
  }
  r.sourceType = original.sourceType;
  try { parse(text, 5, 'script'); r.es5 = true; } catch (e) { r.es5 = false; r.es5Error = e.message; }
  r.requires = requires(original.ast);
  if (f.tokens) r.tokenMismatch = compareTokens(text, original.tokens, JSON.parse(fs.readFileSync(f.tokens, 'utf8')));
  if (f.minified) {
    const min = fs.readFileSync(f.minified, 'utf8');
    try {
      r.astDiff = diff(original.ast, parse(min, 'latest', original.sourceType), '');
    } catch (e) {
      r.astDiff = `minified output does not parse: ${e.message}`;
    }
  }
  results.push(r);
}
fs.writeFileSync(resultsPath, JSON.stringify(results));
