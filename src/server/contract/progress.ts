/** The API contract for progress (filled in by the work on that area). */
export {};
