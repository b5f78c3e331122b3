/** The API contract for concepts (filled in by the work on that area). */
export {};
