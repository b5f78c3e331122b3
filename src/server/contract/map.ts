/** The API contract for map (filled in by the work on that area). */
export {};
