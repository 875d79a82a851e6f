import { Bar, BarChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../format';

/** Bars drawn at most: with more classes, the most frequent ones. */
const MAX_BARS = 40;

/** Rows per class as a small bar chart, named by the classes' names; a hidden caption says the same in words. */
export function ClassBars({ counts, names, what = 'images' }: { counts: number[]; names: string[]; what?: 'images' | 'rows' }) {
  let shown = counts.map((count, k) => ({ name: names[k] ?? String(k), count }));
  const many = shown.length > MAX_BARS;
  if (many) shown = [...shown].sort((a, b) => b.count - a.count).slice(0, MAX_BARS);
  const title = `${what === 'images' ? 'Images' : 'Rows'} per class`;
  return (
    <figure className="class-bars" aria-label={title}>
      <BarChart width={Math.max(300, Math.min(640, 24 * shown.length))} height={120} data={shown} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
        <XAxis dataKey="name" tickLine={false} interval={shown.length > 12 ? 'preserveStartEnd' : 0} fontSize={12} />
        <YAxis width={44} tickFormatter={(v: number) => formatCount(v)} fontSize={11} />
        <Tooltip formatter={(v) => [formatCount(Number(v)), what]} labelFormatter={(d) => `class ${d}`} />
        <Bar dataKey="count" fill="#2563eb" isAnimationActive={false} />
      </BarChart>
      <figcaption className={many ? 'hint' : 'visually-hidden'}>
        {many ? `The ${MAX_BARS} most frequent of ${formatCount(counts.length)} classes. ` : ''}{shown.map((c) => `${c.name}: ${formatCount(c.count)}`).join(', ')}
      </figcaption>
    </figure>
  );
}
