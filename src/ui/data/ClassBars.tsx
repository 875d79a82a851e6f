import { Bar, BarChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../format';

/** Images per class as a small bar chart. */
export function ClassBars({ counts }: { counts: number[] }) {
  const data = counts.map((count, digit) => ({ digit: String(digit), count }));
  return (
    <figure className="class-bars" aria-label="Images per class">
      <BarChart width={300} height={120} data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
        <XAxis dataKey="digit" tickLine={false} interval={0} fontSize={12} />
        <YAxis width={44} tickFormatter={(v: number) => formatCount(v)} fontSize={11} />
        <Tooltip formatter={(v) => [formatCount(Number(v)), 'images']} labelFormatter={(d) => `digit ${d}`} />
        <Bar dataKey="count" fill="#2563eb" isAnimationActive={false} />
      </BarChart>
      <figcaption className="visually-hidden">{counts.map((c, d) => `${d}: ${formatCount(c)}`).join(', ')}</figcaption>
    </figure>
  );
}
