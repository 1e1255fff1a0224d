/**
 * The choices of a select plus the stored value when it is not one of them (set elsewhere, e.g.
 * through the API), in order, so the select still shows what is saved.
 */
export function withCurrent(choices: readonly number[], current: number): number[] {
  return choices.includes(current) || Number.isNaN(current) ? [...choices] : [...choices, current].sort((a, b) => a - b);
}
