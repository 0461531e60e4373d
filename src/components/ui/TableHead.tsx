/** The header row of the admin tables: the first and last cells pad the card's edge. */
export function TableHead({ columns }: { columns: { label: string; align?: "left" | "right" }[] }) {
  const pad = (i: number) =>
    i === 0 ? "py-2.5 pr-3 pl-4" : i === columns.length - 1 ? "py-2.5 pr-4 pl-3" : "px-3 py-2.5";
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs font-semibold tracking-wide text-slate-500 uppercase">
      <tr>
        {columns.map((c, i) => (
          <th key={i} scope="col" className={`${pad(i)} ${c.align === "right" ? "text-right" : ""}`}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
