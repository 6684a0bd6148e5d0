export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 24;
const MAX_TRIES = 40;

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;
}

/**
 * Where a new note of `size` goes: centred on `center` when that is free, else the nearest free spot
 * found by walking outward (below, above, right, left, in growing steps), so a note never covers the
 * nodes it is meant to describe. Falls back to the centre on a canvas too crowded to search.
 */
export function freeSpotFor(center: { x: number; y: number }, size: { width: number; height: number }, occupied: readonly Rect[]): { x: number; y: number } {
  const origin = { x: center.x - size.width / 2, y: center.y - size.height / 2 };
  const stepY = size.height / 2 + GAP;
  const stepX = size.width / 2 + GAP;
  for (let ring = 0; ring <= MAX_TRIES / 4; ring += 1) {
    const candidates =
      ring === 0
        ? [origin]
        : [
            { x: origin.x, y: origin.y + ring * stepY },
            { x: origin.x, y: origin.y - ring * stepY },
            { x: origin.x + ring * stepX, y: origin.y },
            { x: origin.x - ring * stepX, y: origin.y },
          ];
    const free = candidates.find((spot) => !occupied.some((rect) => overlaps({ ...spot, ...size }, rect)));
    if (free) return free;
  }
  return origin;
}
