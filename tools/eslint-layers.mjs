// An ESLint rule for Switchboard's layers. It resolves each relative import to the file it
// names, so `../shared/x` from src/webview/chat (the webview's own helpers) and from src/core
// (the protocol layer) are told apart, which a pattern on the specifier cannot do.
import * as path from 'node:path';

/**
 * What each layer may import, besides packages. `vscode` is the editor API. `common` holds pure
 * helpers with no imports at all (money and token formatting), so every layer, the browser
 * included, can show the same text.
 */
const allowed = {
  common: ['common'],
  core: ['core', 'common'],
  shared: ['shared', 'common'],
  app: ['app', 'core', 'shared', 'common'],
  webview: ['webview', 'shared', 'common'],
  gateway: ['gateway', 'core', 'common'],
  vscode: ['vscode', 'app', 'core', 'shared', 'gateway', 'common', 'editor-api'],
};

const why = {
  common: 'src/common holds pure helpers that every layer shares: it imports only itself',
  core: 'src/core is plain Node: it imports no other Switchboard layer and never vscode',
  shared: 'src/shared is the protocol both sides use: it imports only itself',
  app: 'src/app runs without the editor: it may import core and shared, never vscode or webview code',
  webview: 'src/webview is browser code: it may import shared only, never core, app or vscode',
  gateway: 'src/gateway is plain Node: it may import core only, never vscode, webview or shared code',
  vscode: 'the extension host never loads browser code',
};

/** The layer a file belongs to, from its path below src/ (undefined outside src/). */
function layerOf(file, root) {
  const rel = path.relative(path.join(root, 'src'), file).split(path.sep);
  if (rel[0] === '..' || rel.length === 0) return undefined;
  if (rel.length === 1) return rel[0] === 'extension.ts' ? 'vscode' : undefined;
  return rel[0] in allowed ? rel[0] : undefined;
}

const rule = {
  meta: { type: 'problem', schema: [], messages: { crossing: '{{from}} may not import {{to}} ({{why}}).' } },
  create(context) {
    const file = context.filename;
    const root = context.cwd;
    const from = layerOf(file, root);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      let to;
      if (spec === 'vscode') to = 'editor-api';
      else if (spec.startsWith('.')) to = layerOf(path.resolve(path.dirname(file), spec), root);
      if (!to || allowed[from].includes(to)) return;
      context.report({
        node,
        messageId: 'crossing',
        data: { from: `src/${from}`, to: to === 'editor-api' ? 'vscode' : `src/${to}`, why: why[from] },
      });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal')
          check(n, n.arguments[0].value);
      },
    };
  },
};

export default { rules: { 'import-zones': rule } };
