/**
 * Reading the context table (../layout.ts) from the kernels: slot s of the table at ctx, a layer's and a
 * thread's slots, and a column's byte offset. Inlined everywhere: each is one load.
 */
import { C_LAYER_TABLE, C_THREAD_TABLE, LAYER_SLOTS, THREAD_SLOTS } from '../layout';

@inline export function gi(ctx: usize, s: i32): i32 { return load<i32>(ctx + (<usize>s << 2)); }
@inline export function gp(ctx: usize, s: i32): usize { return <usize>load<i32>(ctx + (<usize>s << 2)); }
@inline export function gf(ctx: usize, s: i32): f32 { return load<f32>(ctx + (<usize>s << 2)); }
@inline export function lf(ctx: usize, l: i32, f: i32): f32 { return gf(ctx, C_LAYER_TABLE + l * LAYER_SLOTS + f); }
@inline export function li(ctx: usize, l: i32, f: i32): i32 { return gi(ctx, C_LAYER_TABLE + l * LAYER_SLOTS + f); }
@inline export function lp(ctx: usize, l: i32, f: i32): usize { return gp(ctx, C_LAYER_TABLE + l * LAYER_SLOTS + f); }
@inline export function tp(ctx: usize, t: i32, f: i32): usize { return gp(ctx, C_THREAD_TABLE + t * THREAD_SLOTS + f); }
/** The byte offset of column (or element) j of f32 data at p. */
@inline export function col(p: usize, j: i32): usize { return p + (<usize>j << 2); }
/** The byte offset of row r of a [rows, width] f32 block at p. */
@inline export function row(p: usize, r: i32, width: i32): usize { return p + (<usize>r * <usize>width << 2); }
