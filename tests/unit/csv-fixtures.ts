import { kaggleHeader, kaggleRow } from '../../scripts/kaggle-csv';
import { mnistSubset } from './mnist';

/** A Kaggle-format CSV text of the first `count` real MNIST digits (labeled or not). */
export function mnistCsv(count: number, labeled = true, offset = 0): string {
  const ds = mnistSubset(count, offset);
  const rows = Array.from({ length: count }, (_, i) => kaggleRow(ds.x, i, labeled ? ds.y![i] : null));
  return [kaggleHeader(labeled), ...rows].join('\n') + '\n';
}
