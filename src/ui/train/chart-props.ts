/**
 * Props every per-epoch chart gives recharts, as constants: recharts compares props by reference, so
 * a data update does not also re-register the axis and margin settings in its store.
 */
export const CHART_MARGIN = { top: 6, right: 12, bottom: 4, left: 0 };
export const EPOCH_AXIS_LABEL = { value: 'epoch', position: 'insideBottomRight', offset: -2, fontSize: 11 } as const;
/**
 * With no data recharts leaves the axes out and mounts them (labels on layers of their own) with the
 * first point, a heavy redraw: a single empty row keeps them drawn from the start.
 */
export const NO_ROWS: { x: number }[] = [{ x: 0 }];
/** "epoch 3", or "epoch 2.5" inside an epoch. */
export const epochLabel = (x: unknown) => `epoch ${Number(x).toFixed(2).replace(/\.00$/, '')}`;
