/** A stored session record that is not a session state of this version (corrupt or foreign). */
export class SessionStateError extends Error {
  override readonly name = 'SessionStateError';

  constructor(readonly reason: string) {
    super(`invalid session state: ${reason}`);
  }
}
