// Where focus goes when the focused control disappears (see useFocusRescue). Plain values, so
// server components (Card) can use them too.

export const FOCUS_HOME = "data-focus-home";
export const FOCUS_AFTER = "data-focus-after";

/**
 * Props of a place focus may land on when the focused control disappears (card headings, the
 * floor, the phase): focusable by script, not by Tab.
 */
export const focusHome = { [FOCUS_HOME]: "", tabIndex: -1 } as const;

/**
 * Props of a control whose result appears elsewhere: it names that place (the element with that
 * id, or the first focus home inside it). Giving the floor from the queue moves focus to the
 * floor, not to what is left of the queue.
 */
export const focusAfter = (id: string) => ({ [FOCUS_AFTER]: id });
