/* No ptrace register sets on wasm32. */
