#!/usr/bin/env node
// Fails (exit 1) on exports that nothing imports: dead code, or an `export` that should go.
// Part of `npm test`'s static checks (scripts/test-all.sh) and `npm run lint`.
//
// It reads the project as TypeScript does (tsconfig.json), resolves every import, re-export and
// dynamic import of every file (src, tests, bench, server.ts), and lists the exports of src,
// tests and bench that none of them names. A namespace import (`import * as x`) uses the names
// read from it (`x.name`). Files that Next.js or a tool loads by convention are entry points:
// all their exports count as used.
import path from "node:path";
import ts from "typescript";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, "tsconfig.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  },
);
const options = config.options;
const program = ts.createProgram(config.fileNames, options);
const checker = program.getTypeChecker();

const rel = (file) => path.relative(root, file);
const NEXT_FILES = /^src\/app\/(.*\/)?(page|layout|route|not-found|error|loading|template|default)\.tsx?$/;
const ENTRY_FILES = new Set(["src/proxy.ts", "src/i18n/request.ts", "vitest.config.ts"]);
const CHECKED = /^(src|tests|bench)\//;

/** Exports kept although nothing imports them yet, each with why. An entry that is used fails. */
const KEPT = {};

const ours = program
  .getSourceFiles()
  .filter(
    (sf) =>
      !sf.isDeclarationFile &&
      !rel(sf.fileName).startsWith("node_modules") &&
      !sf.fileName.includes("/src/generated/"),
  );

/** file -> names imported from it by anyone ("*": all of them). */
const used = new Map();
const use = (file, name) => {
  if (!file) return;
  if (!used.has(file)) used.set(file, new Set());
  used.get(file).add(name);
};
const resolve = (specifier, from) =>
  ts.resolveModuleName(specifier, from, options, ts.sys).resolvedModule?.resolvedFileName;

/** Names read from a namespace import `x`: every `x.name` in the file. */
function namespaceReads(sf, alias) {
  const names = new Set();
  const visit = (node) => {
    if (
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === alias
    ) {
      names.add(node.name.text);
    }
    if (ts.isQualifiedName(node) && ts.isIdentifier(node.left) && node.left.text === alias)
      names.add(node.right.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

for (const sf of ours) {
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const target = resolve(node.moduleSpecifier.text, sf.fileName);
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        if (clause?.name) use(target, "default");
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) {
          for (const name of namespaceReads(sf, bindings.name.text)) use(target, name);
        } else if (bindings) {
          for (const el of bindings.elements) use(target, (el.propertyName ?? el.name).text);
        }
        if (!clause) use(target, "*"); // import "./side-effect"
      } else if (!node.exportClause || ts.isNamespaceExport(node.exportClause)) {
        use(target, "*");
      } else {
        for (const el of node.exportClause.elements) use(target, (el.propertyName ?? el.name).text);
      }
    }
    // import("…"): whatever the module exports may be read.
    if (ts.isCallExpression(node) && node.arguments.length && ts.isStringLiteral(node.arguments[0])) {
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if (isImport) use(resolve(node.arguments[0].text, sf.fileName), "*");
    }
    if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      use(resolve(node.argument.literal.text, sf.fileName), node.qualifier?.getText() ?? "*");
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

const unused = [];
const stale = [];
for (const sf of ours) {
  const file = rel(sf.fileName);
  if (!CHECKED.test(file) || NEXT_FILES.test(file) || ENTRY_FILES.has(file)) continue;
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  if (!moduleSymbol) continue;
  const names = used.get(sf.fileName) ?? new Set();
  if (names.has("*")) continue;
  const kept = KEPT[file] ?? [];
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const name = symbol.getName();
    if (!names.has(name) && !kept.includes(name)) unused.push(`${file}: ${name}`);
    if (names.has(name) && kept.includes(name)) stale.push(`${file}: ${name}`);
  }
}

if (unused.length || stale.length) {
  if (unused.length) {
    console.error(
      `Exports that nothing imports (remove them, or the export keyword):\n  ${unused.join("\n  ")}`,
    );
  }
  if (stale.length) console.error(`Used now, so drop them from KEPT:\n  ${stale.join("\n  ")}`);
  process.exit(1);
}
console.log("unused exports: none");
