/** The grey header row of the small data tables in previews and panels. */
export function HeaderRow({ labels }: { labels: string[] }) {
  return (
    <thead className="text-left text-slate-500">
      <tr>
        {labels.map((label) => (
          <th key={label} className="px-2 py-1 font-medium whitespace-nowrap">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
