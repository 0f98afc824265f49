/**
 * Scratch typed arrays reused from call to call for the engine's large temporaries (megabytes at
 * a million items, several per report). Allocated afresh each time, they were a measured cost: the
 * memory outside the JS heap they add up to triggers a major garbage collection of the whole heap
 * (hundreds of MB holding the dataset) about once per report. Each slot belongs to one function,
 * which fills what it reads and lets no view of it escape; it is grown as needed, never shrunk.
 */
const slots = new Map<string, ArrayBuffer>()

/** Larger temporaries are allocated afresh each time rather than kept for good. */
const MAX_SCRATCH_BYTES = 64 << 20

function scratchBuffer(slot: string, bytes: number): ArrayBuffer {
  if (bytes > MAX_SCRATCH_BYTES) return new ArrayBuffer(bytes)
  let buffer = slots.get(slot)
  if (buffer === undefined || buffer.byteLength < bytes) {
    // Grown with headroom, so that slightly larger inputs do not reallocate each time.
    buffer = new ArrayBuffer(Math.min(MAX_SCRATCH_BYTES, Math.ceil(bytes * 1.25)))
    slots.set(slot, buffer)
  }
  return buffer
}

/** `length` doubles of the scratch slot `slot` (contents unspecified). */
export function scratchFloat64(slot: string, length: number): Float64Array {
  return new Float64Array(scratchBuffer(slot, length * 8), 0, length)
}

/** `length` int32s of the scratch slot `slot` (contents unspecified). */
export function scratchInt32(slot: string, length: number): Int32Array {
  return new Int32Array(scratchBuffer(slot, length * 4), 0, length)
}

/** `length` uint16s of the scratch slot `slot` (contents unspecified). */
export function scratchUint16(slot: string, length: number): Uint16Array {
  return new Uint16Array(scratchBuffer(slot, length * 2), 0, length)
}
