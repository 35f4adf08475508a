/**
 * "Did you mean": the known names nearest to a mistyped one, by edit distance (a swap of two
 * neighbours counts as one edit), for the usage errors of unknown parameters and commands.
 */

/**
 * The optimal string alignment distance between two strings, case-insensitively.
 * @param a one string
 * @param b the other
 * @returns the number of insertions, deletions, substitutions and adjacent swaps from a to b
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // Three rows of the table are enough: the swap looks two rows back.
  let before: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      row.push(best);
    }
    before = previous;
    previous = row;
  }
  return previous[t.length] ?? 0;
}

/**
 * The candidates nearest to a typed name: those within a third of its length in edits (at least 1,
 * at most 3) of the name or (from four letters) of its prefix as long as the typed one, the nearest only, or those that start with its first three letters when none is that near.
 * @param typed what was typed
 * @param candidates the known names
 * @param max how many to return at most
 * @returns the suggestions, best first, without duplicates (case-insensitively)
 */
export function nearestNames(typed: string, candidates: readonly string[], max = 3): string[] {
  const limit = Math.min(3, Math.max(1, Math.floor(typed.length / 3)));
  const seen = new Set<string>();
  const unique = candidates.filter((c) => !seen.has(c.toLowerCase()) && seen.add(c.toLowerCase()));
  const near = unique
    // A mistyped prefix (-Idnet) is as near as a mistyped whole name; under four letters a prefix says too little.
    .map((name) => ({ name, distance: Math.min(editDistance(typed, name), typed.length < 4 ? Infinity : editDistance(typed, name.slice(0, typed.length))) }))
    .filter((c) => c.distance <= limit)
    .sort((x, y) => x.distance - y.distance);
  // Only the nearest: one name a letter away beats three that are three letters away.
  const best = near[0]?.distance;
  if (best !== undefined) return near.filter((c) => c.distance === best).slice(0, max).map((c) => c.name);
  const stem = typed.slice(0, 3).toLowerCase();
  return typed.length < 3 ? [] : unique.filter((name) => name.toLowerCase().startsWith(stem)).slice(0, max);
}

/**
 * The " Did you mean ...?" sentence for a message, or nothing.
 * @param suggestions names, best first, written as they should appear (`-Identity`)
 * @returns the sentence with a leading space, or ''
 */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const last = suggestions[suggestions.length - 1] ?? '';
  const list = suggestions.length === 1 ? last : `${suggestions.slice(0, -1).join(', ')} or ${last}`;
  return ` Did you mean ${list}?`;
}
