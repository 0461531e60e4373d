import { Link } from "@/i18n/navigation";

const TAB = "-mb-px whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium";

/** A row of page tabs (links); the active one is marked for assistive technology too. */
export function TabNav({
  label,
  tabs,
  active,
  className = "",
}: {
  label: string;
  tabs: readonly { id: string; href: string; text: string }[];
  active: string;
  className?: string;
}) {
  return (
    // Tabs wrap onto a second line on a narrow screen rather than scroll: a tab cut at the edge
    // of a phone is a tab nobody finds.
    <nav aria-label={label} className={`flex flex-wrap gap-1 border-b border-slate-200 ${className}`}>
      {tabs.map((tab) => (
        <Link
          key={tab.id}
          href={tab.href}
          aria-current={tab.id === active ? "page" : undefined}
          className={
            tab.id === active
              ? `${TAB} border-accent-600 text-accent-800`
              : `${TAB} border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900`
          }
        >
          {tab.text}
        </Link>
      ))}
    </nav>
  );
}
