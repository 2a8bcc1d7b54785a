/**
 * What Linux's overlayfs keeps on the upper filesystem (whiteout devices, the "opaque" and
 * "origin" xattrs), kept here in memory instead: the backend contract has no xattrs, and this
 * way any FileSystem can be the upper layer, the upper's own listings stay clean, and nothing
 * has to be filtered out of its readdir. The cost: the state lives as long as the OverlayFs, so
 * an upper layer reused by a later OverlayFs shows deleted lower files again. Uppers are meant
 * to be fresh (a memfs per boot). Everything is keyed by upper inode numbers.
 */

/** Inode numbers of upper-only nodes start here, above any lower number (lower inos must stay below). */
export const UPPER_INO_BASE = 2 ** 40;

export class OverlayMeta {
  /** Upper directory ino -> names whose lower entries are deleted. */
  private readonly whiteouts = new Map<number, Set<string>>();
  /** Upper directories that hide the lower directory of the same name (removed, then recreated). */
  private readonly opaque = new Set<number>();
  /** Upper ino of a copied-up node -> the lower ino it keeps showing. */
  private readonly origins = new Map<number, number>();

  isWhiteout(dir: number, name: string): boolean {
    return this.whiteouts.get(dir)?.has(name) ?? false;
  }

  whiteoutsOf(dir: number): ReadonlySet<string> | undefined {
    return this.whiteouts.get(dir);
  }

  addWhiteout(dir: number, name: string): void {
    let set = this.whiteouts.get(dir);
    if (!set) this.whiteouts.set(dir, (set = new Set()));
    set.add(name);
  }

  clearWhiteout(dir: number, name: string): void {
    this.whiteouts.get(dir)?.delete(name);
  }

  isOpaque(dir: number): boolean {
    return this.opaque.has(dir);
  }

  setOpaque(dir: number): void {
    this.opaque.add(dir);
  }

  setOrigin(upper: number, lower: number): void {
    this.origins.set(upper, lower);
  }

  /** The overlay inode number of an upper node that is not merged with a lower directory. */
  inoOf(upper: number): number {
    return this.origins.get(upper) ?? UPPER_INO_BASE + upper;
  }

  /** An upper inode is gone: its number may be reused by the upper filesystem for something else. */
  forget(upper: number): void {
    this.whiteouts.delete(upper);
    this.opaque.delete(upper);
    this.origins.delete(upper);
  }
}
