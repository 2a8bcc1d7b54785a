/* wasm32 has no assembly entry stub: the host calls the exported C entry
 * __kandelo_start (crt/wasm32/crt1.c) directly. */
