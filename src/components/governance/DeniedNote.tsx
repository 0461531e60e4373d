/** The visible reason a control is disabled (a tooltip alone is out of reach of keyboards). */
export function DeniedNote({ id, reason }: { id?: string; reason: string | null }) {
  if (!reason) return null;
  return (
    <p id={id} className="mt-2 text-sm text-slate-500" data-testid="denied-note">
      {reason}
    </p>
  );
}
