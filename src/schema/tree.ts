/** Every node of a tree of sections, parents before their children (document order). */
export function preorder<T extends { children: T[] }>(nodes: T[]): T[] {
  const out: T[] = [];
  const walk = (ns: T[]): void =>
    ns.forEach((n) => {
      out.push(n);
      walk(n.children);
    });
  walk(nodes);
  return out;
}
