/**
 * The environment every server and worker process is started with. glibc's allocator gives each thread an
 * arena of its own (up to eight per core), and libvips' threads rendering images leave them fragmented: a
 * process rendering photos grows by hundreds of MB it never hands back. Two arenas keep that growth near
 * what the renders really use (`pnpm bench images`: 140 MB instead of 336 for ten 24-megapixel photos),
 * and sharp, seeing the setting, lets libvips use every core instead of one. The allocator reads it only
 * when a process starts, so it is set by whoever starts one: the package scripts, the start command,
 * tests and benchmarks.
 */
export const allocatorEnv = { MALLOC_ARENA_MAX: '2' } as const;
