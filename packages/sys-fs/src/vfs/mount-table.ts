export interface Mount {
  /** Absolute guest path, normalized. */
  readonly guest: string;
  /** Absolute host path of the mount's root. */
  readonly host: string;
  readonly readonly: boolean;
}

export type Resolved =
  | { kind: 'mount'; mount: Mount; rel: string }
  /** A directory that exists only because a mount lies below it (e.g. "/" or "/home"). */
  | { kind: 'synthetic'; path: string; children: string[] };

/** Guest path -> the mount that owns it (longest prefix wins). */
export class MountTable {
  private readonly mounts: Mount[] = [];

  add(m: Mount): void {
    this.mounts.push(m);
    this.mounts.sort((a, b) => b.guest.length - a.guest.length);
  }

  list(): readonly Mount[] {
    return this.mounts;
  }

  resolve(abs: string): Resolved | undefined {
    for (const m of this.mounts) {
      if (abs === m.guest) return { kind: 'mount', mount: m, rel: '' };
      if (m.guest === '/' || abs.startsWith(m.guest + '/')) {
        return { kind: 'mount', mount: m, rel: m.guest === '/' ? abs.slice(1) : abs.slice(m.guest.length + 1) };
      }
    }
    const prefix = abs === '/' ? '/' : abs + '/';
    const children = new Set<string>();
    for (const m of this.mounts) {
      if (m.guest.startsWith(prefix)) children.add(m.guest.slice(prefix.length).split('/')[0]!);
    }
    return children.size ? { kind: 'synthetic', path: abs, children: [...children] } : undefined;
  }
}
