// What global-setup.ts built, for the port tests: the image holding every port, the staged dash,
// and `sh` to run a script with that dash in the image.
import { inject } from 'vitest';
import { kandelo } from '../lib/run.js';

declare module 'vitest' {
  export interface ProvidedContext {
    portsImage: string;
    portsDash: string;
  }
}

export const image = inject('portsImage');
export const dash = inject('portsDash');

/** Runs `script` with the staged dash in the image. */
export const sh = (script: string) => kandelo(['run', '--root', image, dash, '-c', script]);
