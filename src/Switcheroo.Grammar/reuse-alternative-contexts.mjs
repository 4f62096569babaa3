// Rewrites the C# that antlr-ng generated from PythonParser.g4 (run by Switcheroo.Grammar.csproj
// right after the generator), so that a rule with labelled alternatives stops allocating a context
// it throws away at once.
//
// For such a rule the generated code creates the rule's generic context on entry
// (`new ExprContext(Context, _parentState)`), and in the loop of a left-recursive rule one per
// operator (`new BinaryExprContext(new ExprContext(_parentctx, _parentState))`); as soon as the
// alternative is known, the alternative's context copies it and the generic one is garbage
// (about a sixth of what a parse allocated: docs/performance.md, sixth round). This rewrites
// those constructions into `Scratch<ExprContext>(Context, _parentState, RULE_expr)`
// (PythonParserBase.Scratch), which hands out the parser's spare generic context of that rule
// once its last one was copied from. Nothing else changes. Usage: node reuse-alternative-contexts.mjs FILE
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
const source = readFileSync(file, "utf8");

// The rules with labelled alternatives: the generic contexts that alternatives derive from.
const bases = new Set();
for (const match of source.matchAll(/public partial class \w+Context : (\w+)Context \{/g)) {
    if (match[1] !== "PythonParser") {
        bases.add(match[1]);
    }
}

let count = 0;
const pattern = new RegExp(`new (${[...bases].join("|")})Context\\((Context|_parentctx), (State|_parentState)\\)`, "g");
const rewritten = source.replace(pattern, (_, base, parent, state) => {
    count++;
    const rule = "RULE_" + base[0].toLowerCase() + base.slice(1);
    return `Scratch<${base}Context>(${parent}, ${state}, ${rule})`;
});

if (bases.size === 0 || count === 0) {
    console.error(`${file}: no generic context of a rule with labelled alternatives found; has the generator changed?`);
    process.exit(1);
}
writeFileSync(file, rewritten);
console.log(`${file}: ${count} generic contexts of ${bases.size} rules (${[...bases].join(", ")}) reuse the parser's spare`);
