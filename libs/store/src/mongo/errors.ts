/** MongoDB (and FerretDB) report a unique index violation as code 11000, bulk writes included. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
}

/**
 * Runs an upsert again once when it lost a race to insert the same key: the second run finds
 * the document and updates it (MongoDB retries some of these itself; FerretDB does not).
 */
export async function retryOnDuplicate<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return upsert();
  }
}

/** Drops MongoDB's _id from a lean document. */
export function withoutId<T extends object>(doc: T & { _id?: unknown }): T {
  const { _id: _ignored, ...rest } = doc;
  return rest as T;
}
