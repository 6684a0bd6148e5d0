"use client";

import { cronProblem, isTimeZone } from "@/contracts/schedules";
import { nextSlots } from "@/contracts/scheduleSlots";
import { slotText } from "./slotText";

/** The next three slots of the expression being typed, computed here with the scheduler's own rules (DST included). */
export function SlotPreview({ cron, timeZone }: { cron: string; timeZone: string }) {
  const problem = cron.trim() === "" ? "Enter a cron expression." : (cronProblem(cron.trim()) ?? (isTimeZone(timeZone) ? null : "Choose a known time zone."));
  if (problem) {
    return (
      <p className="text-xs text-rose-700" role="status">
        {problem}
      </p>
    );
  }
  const slots = nextSlots(cron.trim(), timeZone, new Date(), 3);
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-700" aria-label="Next runs">
      <p className="font-medium">Next runs</p>
      {slots.length === 0 ? (
        <p>This expression never fires again.</p>
      ) : (
        <ol className="list-inside list-decimal">
          {slots.map((slot) => {
            const text = slotText(slot, timeZone);
            return (
              <li key={slot.toISOString()}>
                {text.inZone}
                {text.local && <span className="text-slate-500"> · {text.local}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
