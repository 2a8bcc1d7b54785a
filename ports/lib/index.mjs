// The ports driver's API, for scripts/ports.mjs and the tests.
export { buildPort, cachedPort, listPorts, loadRecipe, STEPS } from './build-port.mjs';
export { buildPorts } from './build-many.mjs';
export { buildRootfs } from './rootfs.mjs';
export { StepError } from './step-error.mjs';
export { portsCache } from './paths.mjs';
