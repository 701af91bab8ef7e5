// Runs materials.js against a small stand-in for the DOM (no browser here) and answers, for each
// selection asked for on stdin, the start and end the script puts into the comment form.
"use strict";
const fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
global.Node = { ELEMENT_NODE: 1, TEXT_NODE: 3 };

function build(spec, parent) {
  const node = typeof spec === "string"
    ? { nodeType: 3, data: spec, get textContent() { return this.data; } }
    : { nodeType: 1, attrs: spec.attrs, childNodes: [],
        hasAttribute(name) { return name in this.attrs; }, getAttribute(name) { return this.attrs[name]; },
        get textContent() { return this.childNodes.map((c) => c.textContent).join(""); },
        contains(other) { for (let n = other; n; n = n.parentNode) { if (n === this) { return true; } } return false; } };
  node.parentNode = parent;
  node.parentElement = parent;
  if (typeof spec !== "string") { node.childNodes = spec.children.map((c) => build(c, node)); }
  return node;
}
const full = build({ attrs: input.attrs, children: input.children }, null);
full.childNodes.forEach((child, i) => { child.nextSibling = full.childNodes[i + 1] || null; });
const form = { elements: { start: { value: "" }, end: { value: "" } } };
const handlers = {};
let selection = null;
global.window = { getSelection: () => selection };
global.document = {
  getElementById: (id) => ({ fulltext: full, "comment-form": form, "comment-quote": { textContent: "" } })[id] || null,
  addEventListener: (name, fn) => { handlers[name] = fn; },
};
eval(fs.readFileSync(input.script, "utf8"));

function point(p) {
  if (p.child === null) { return [full, p.offset]; }
  const element = full.childNodes[p.child];
  if (p.units === null) { return [element, p.offset]; }
  return [element.childNodes[0], p.units];
}
const answers = input.cases.map(([a, b]) => {
  const [sc, so] = point(a);
  const [ec, eo] = point(b);
  form.elements.start.value = form.elements.end.value = "";
  selection = { rangeCount: 1, isCollapsed: false, toString: () => "",
                getRangeAt: () => ({ startContainer: sc, startOffset: so, endContainer: ec, endOffset: eo }) };
  handlers.selectionchange();
  return [String(form.elements.start.value), String(form.elements.end.value)];
});
process.stdout.write(JSON.stringify(answers));
