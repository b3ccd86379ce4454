/** A database failure, wrapped with the statement that failed and the driver's cause. */
export class StoreQueryError extends Error {
  constructor(
    readonly query: string,
    readonly cause: unknown,
  ) {
    super(
      `store query failed: ${cause instanceof Error ? cause.message : String(cause)}\n  in: ${query.trim().slice(0, 300)}`,
    );
    this.name = "StoreQueryError";
  }
}

/** Runs a query, rethrowing any failure as a StoreQueryError that names the query. */
export async function wrapQuery<T>(query: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    throw new StoreQueryError(query, cause);
  }
}
