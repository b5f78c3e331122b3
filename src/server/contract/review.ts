/** The API contract for review (filled in by the work on that area). */
export {};
