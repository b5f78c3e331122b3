/** The API contract for stances (filled in by the work on that area). */
export {};
