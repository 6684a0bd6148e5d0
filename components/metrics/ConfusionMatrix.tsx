/** Actual classes down, predicted across; cells shaded by their share of the actual class so errors stand out. */
export function ConfusionMatrix({ classes, counts }: { classes: string[]; counts: number[][] }) {
  return (
    <table className="text-xs" aria-label="Confusion matrix">
      <thead className="text-slate-500">
        <tr>
          <th className="px-2 py-1 text-left font-medium">actual ↓ · predicted →</th>
          {classes.map((c) => (
            <th key={c} className="px-2 py-1 font-medium">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {counts.map((row, i) => {
          const total = row.reduce((a, b) => a + b, 0);
          return (
            <tr key={classes[i]} className="border-t border-slate-100">
              <th className="px-2 py-1 text-left font-medium text-slate-600">{classes[i]}</th>
              {row.map((count, j) => {
                const share = total === 0 ? 0 : count / total;
                const color = i === j ? `rgba(16, 185, 129, ${share * 0.6})` : `rgba(244, 63, 94, ${share * 0.8})`;
                return (
                  <td key={classes[j]} className="px-3 py-1 text-center font-mono" style={{ background: count === 0 ? undefined : color }}>
                    {count}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
