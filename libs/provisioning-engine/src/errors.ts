/** A stored preset that does not validate; `errors` name the JSON path of each problem. */
export class PresetError extends Error {
  constructor(
    readonly preset: string,
    readonly errors: string[],
  ) {
    super(`preset ${JSON.stringify(preset)} is invalid: ${errors.join('; ')}`);
    this.name = 'PresetError';
  }
}
