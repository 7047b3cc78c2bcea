// BuildKit's AST dump (parser.Node.Dump), used by the parser conformance tests and `npm run dump`.

import { goQuote, goQuoteSlice, goTrimSpace } from './gotext';
import type { Node } from './parser';

/** Node.Dump(): `keyword ["flags"] "arg" ...` (without the surrounding parentheses). */
export function dumpNode(node: Node): string {
  let s = node.value.toLowerCase();
  if (node.flags.length > 0) s += ' ' + goQuoteSlice(node.flags);
  for (const c of node.children) s += '(' + dumpNode(c) + ')\n';
  for (let n = node.next; n; n = n.next) {
    s += ' ' + (n.children.length > 0 ? dumpNode(n) : goQuote(n.value));
  }
  return goTrimSpace(s);
}

/** The dump of a whole file, as compared with the `result` files: one `(...)` line per instruction, final "\n". */
export function dumpRoot(root: Node): string {
  return dumpNode(root) + '\n';
}
