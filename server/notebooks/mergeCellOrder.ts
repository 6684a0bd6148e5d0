/**
 * Merges one editor's cell order into the order stored on the server, so two tabs
 * editing the same notebook keep each other's cells:
 * - `client` is the editor's order (null when it only edited cells, not the list);
 * - cells another editor added (on the server, unknown to this client, not deleted by it)
 *   stay, right after the server-side neighbour they followed;
 * - cells another editor deleted (in `client` but gone from the server) stay deleted
 *   unless this save writes them (`written`): an edit revives a cell;
 * - this client's `deleted` cells go.
 */
export function mergeCellOrder(input: {
  server: readonly string[];
  client: readonly string[] | null;
  written: ReadonlySet<string>;
  deleted: ReadonlySet<string>;
}): string[] {
  const { server, client, written, deleted } = input;
  const onServer = new Set(server);
  const keep = (id: string) => !deleted.has(id) && (onServer.has(id) || written.has(id));
  if (client === null) {
    const merged = server.filter(keep);
    for (const id of written) if (!onServer.has(id) && !deleted.has(id)) merged.push(id);
    return merged;
  }
  const known = new Set(client);
  const merged = unique(client).filter(keep);
  for (let i = 0; i < server.length; i++) {
    const id = server[i]!;
    if (known.has(id) || deleted.has(id)) continue;
    // After the nearest earlier server cell that is placed already (or first of all).
    let at = 0;
    for (let j = i - 1; j >= 0; j--) {
      const index = merged.indexOf(server[j]!);
      if (index >= 0) {
        at = index + 1;
        break;
      }
    }
    merged.splice(at, 0, id);
  }
  // A written cell missing from the client's own order still belongs to the notebook.
  for (const id of written) if (!merged.includes(id) && !deleted.has(id)) merged.push(id);
  return merged;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
