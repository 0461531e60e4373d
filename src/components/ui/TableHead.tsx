/**
 * The header row of the admin tables: the first and last cells pad the card's edge. Under the md
 * width the rows are cards (CARDS below) and this row is left to screen readers only.
 */
export function TableHead({ columns }: { columns: { label: string; align?: "left" | "right" }[] }) {
  const pad = (i: number) =>
    i === 0 ? "py-2.5 pr-3 pl-4" : i === columns.length - 1 ? "py-2.5 pr-4 pl-3" : "px-3 py-2.5";
  return (
    <thead className="border-b border-slate-200 bg-slate-50 max-md:sr-only text-xs font-semibold tracking-wide text-slate-500 uppercase">
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

/**
 * Under the md width a table's rows become cards, so that every column (the actions last) fits a
 * phone's width instead of scrolling off it: each row a bordered block, each cell on its own line,
 * a labelled cell (`data-label`, the column's name) preceded by that name. Desktop keeps the table.
 */
export const CARDS = {
  table: "w-full text-left max-md:block md:min-w-[44rem]",
  body: "divide-y divide-slate-100 max-md:block max-md:space-y-3 max-md:divide-y-0 max-md:p-3",
  row: "max-md:block max-md:rounded-lg max-md:border max-md:border-slate-200 max-md:p-3",
  cell: "max-md:block max-md:px-0 max-md:py-1 max-md:before:block max-md:before:text-xs max-md:before:font-semibold max-md:before:tracking-wide max-md:before:text-slate-500 max-md:before:uppercase max-md:before:content-[attr(data-label)]",
} as const;
