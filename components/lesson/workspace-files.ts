const dec = new TextDecoder();

/** The text files of a workspace, as a FileMap. */
export function workspaceFiles(list: { path: string; data: Uint8Array }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of list) out[f.path] = dec.decode(f.data);
  return out;
}
