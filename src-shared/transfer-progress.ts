/**
 * How far a file transfer is, as the console window shows it: the update download and the
 * installers main saves from My Account → Downloads. `total` is null when the server gave no size;
 * then `percent` and `seconds_left` are null too (the bar is indeterminate).
 */
export interface TransferProgress {
  transferred: number;
  total: number | null;
  percent: number | null;
  /** Over the last few seconds; 0 until there is a second sample. */
  bytes_per_second: number;
  seconds_left: number | null;
}

export function transferProgress(transferred: number, total: number | null, bytesPerSecond: number): TransferProgress {
  const known = total !== null && Number.isFinite(total) && total > 0;
  const size = known ? total : null;
  const done = size !== null ? Math.min(transferred, size) : transferred;
  const speed = Number.isFinite(bytesPerSecond) && bytesPerSecond > 0 ? Math.round(bytesPerSecond) : 0;
  return {
    transferred: done,
    total: size,
    percent: size !== null ? Math.min(100, (done / size) * 100) : null,
    bytes_per_second: speed,
    seconds_left: size === null ? null : done >= size ? 0 : speed > 0 ? Math.ceil((size - done) / speed) : null,
  };
}
